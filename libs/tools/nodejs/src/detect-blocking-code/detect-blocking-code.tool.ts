import type { CallExpression, Node } from '@babel/types';
import { z } from 'zod';
import { analyzerOptions, contentArg, defineTool, filesArg } from '@mcp/core-protocol';
import { InputError, ParseError, table, type Finding } from '@mcp/core-response';
import { parseSource, type ParsedSource } from '../shared/parse-source';
import { isFunction, memberPath, walk } from '@mcp/core-js';
import { rules } from './detect-blocking-code.rules';
import { analyzeRegex, type RegexVerdict } from './regex-safety';
import { collectBinding, isRequestDerived, taintFromBindings, type Binding } from './taint';

const input = z
  .object({
    content: contentArg('One JS/TS source file').optional(),
    files: filesArg('Several JS/TS source files, paths relative to the project root').optional(),
    options: analyzerOptions({}),
  })
  .strict()
  .refine((a) => (a.content === undefined) !== (a.files === undefined), { message: 'give exactly one of content or files', path: ['content'] });

const SYNC_MODULES = new Set(['fs', 'crypto', 'zlib', 'child_process']);
const moduleOf = (spec: string) => {
  const bare = spec.replace(/^node:/, '');
  return SYNC_MODULES.has(bare) ? bare : undefined;
};
const LOOPS = new Set(['ForStatement', 'ForOfStatement', 'ForInStatement', 'WhileStatement', 'DoWhileStatement']);
const LIMITER = /(limit|queue|throttl|semaphore|mutex|bottleneck|schedule|pool\.(run|exec))/i;
const RAW_BODY_READERS = /^(getRawBody|rawBody|raw|text|buffer|json|readBody|streamToString|getBody)$/;

export const detectBlockingCodeTool = defineTool({
  name: 'node_detect_blocking_code',
  title: 'Event-loop blocking code',
  description:
    'Finds code that blocks or floods the Node.js event loop: *Sync fs/crypto/zlib/child_process calls outside the module top level (eslint-plugin-n no-sync), ' +
    'await in loops (ESLint no-await-in-loop), Promise.all over request-derived arrays without a concurrency limit, JSON.parse of bodies read without a size limit, and ReDoS-prone regexes.',
  input,
  rules,
  run({ content, files }) {
    const sources = content !== undefined ? [{ path: undefined as string | undefined, content }] : files!.map((f) => ({ path: f.path as string | undefined, content: f.content }));
    const findings: Finding[] = [];
    const parsed: { path?: string; mod: ParsedSource }[] = [];
    for (const s of sources) {
      try {
        parsed.push({ path: s.path, mod: parseSource(s.content, s.path) });
      } catch (error) {
        if (error instanceof ParseError) throw s.path ? error.in(s.path) : error;
        throw error;
      }
    }
    for (const { path, mod } of parsed) findings.push(...analyzeFile(mod, path));
    if (findings.length > 100000) throw new InputError('more than 100000 findings');
    return {
      findings,
      metrics: { files: parsed.length, byRule: Object.fromEntries(rules.map((r) => [r.id, findings.filter((f) => f.ruleId === r.id).length])) },
    };
  },
  render(envelope) {
    return [table(['rule', 'findings'], Object.entries((envelope.metrics?.byRule ?? {}) as Record<string, number>).filter(([, n]) => n > 0))];
  },
});

function analyzeFile(mod: ParsedSource, path: string | undefined): Finding[] {
  const out: Finding[] = [];
  const at = (node: Node) => ({ path, line: node.loc!.start.line, column: node.loc!.start.column + 1 });
  const text = (node: Node) => mod.code.slice(node.start!, node.end!);

  // Which local names are fs/crypto/zlib/child_process (namespace) or one of their *Sync functions.
  const namespaces = new Map<string, string>();
  const named = new Map<string, { module: string; imported: string }>();
  const bindings: Binding[] = [];
  walk(mod.ast.program, {
    enter(node) {
      collectBinding(node, bindings);
      if (node.type === 'ImportDeclaration') {
        const m = moduleOf(node.source.value);
        if (m) {
          for (const s of node.specifiers) {
            if (s.type === 'ImportSpecifier') named.set(s.local.name, { module: m, imported: s.imported.type === 'Identifier' ? s.imported.name : s.imported.value });
            else namespaces.set(s.local.name, m);
          }
        }
        return false;
      }
      if (node.type === 'VariableDeclarator' && node.init) {
        const init = node.init.type === 'AwaitExpression' ? node.init.argument : node.init;
        const req = requireOf(init);
        const m = req ? moduleOf(req) : undefined;
        if (m) {
          if (node.id.type === 'Identifier') namespaces.set(node.id.name, m);
          else if (node.id.type === 'ObjectPattern') {
            for (const p of node.id.properties) {
              if (p.type === 'ObjectProperty' && p.key.type === 'Identifier' && p.value.type === 'Identifier') named.set(p.value.name, { module: m, imported: p.key.name });
            }
          }
        }
      }
      return undefined;
    },
  });

  const tainted = taintFromBindings(bindings);
  let facts: { inits: Map<string, Node>; unlimited: Set<string> } | undefined;

  walk(mod.ast.program, {
    enter(node, _parent, ancestors) {
      switch (node.type) {
        case 'CallExpression':
        case 'OptionalCallExpression':
          checkSync(node as CallExpression, ancestors);
          checkPromiseAll(node as CallExpression);
          checkJsonParse(node as CallExpression, ancestors);
          checkRegExpCall(node as CallExpression);
          break;
        case 'NewExpression':
          checkRegExpCall(node as unknown as CallExpression);
          break;
        case 'AwaitExpression':
          checkAwaitInLoop(node, ancestors);
          break;
        case 'ForOfStatement':
          if (node.await) checkAwaitInLoop(node, ancestors);
          break;
        case 'RegExpLiteral':
          checkRegex(node, node.pattern, node.flags);
          break;
      }
      return undefined;
    },
  });
  return out;

  function checkSync(call: CallExpression, ancestors: readonly Node[]) {
    const callee = call.callee;
    let module: string | undefined;
    let fn: string | undefined;
    if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && /Sync$/.test(callee.property.name)) {
      fn = callee.property.name;
      const obj = callee.object;
      if (obj.type === 'Identifier') module = namespaces.get(obj.name);
      else if (obj.type === 'CallExpression') module = moduleOf(requireOf(obj) ?? '');
      else if (obj.type === 'MemberExpression' && obj.object.type === 'Identifier' && namespaces.has(obj.object.name)) module = namespaces.get(obj.object.name);
    } else if (callee.type === 'Identifier' && named.has(callee.name) && /Sync$/.test(named.get(callee.name)!.imported)) {
      ({ module, imported: fn } = named.get(callee.name)!);
    }
    if (!module || !fn) return;
    // allowAtRootLevel: only calls inside a function are reported.
    const fnAncestor = [...ancestors].reverse().find(isFunction);
    if (!fnAncestor) return;
    const calleeText = text(callee);
    const async = fn.replace(/Sync$/, '');
    out.push({
      ruleId: 'no-sync',
      severity: 'warning',
      message: `${calleeText}() is a synchronous ${module} call inside ${functionName(fnAncestor, ancestors)}; it blocks the event loop while it runs`,
      location: at(call),
      fix: module === 'child_process' ? `Use the async ${async}() (util.promisify or child_process/promises-style) instead of ${fn}` : `Use the promise API (${module === 'fs' ? `fs/promises ${async}` : `${async} with a callback or util.promisify`}) and await it, or do the work once at startup`,
      docs: rules[0].docs,
      callee: calleeText,
    });
  }

  function checkAwaitInLoop(node: Node, ancestors: readonly Node[]) {
    // ESLint's algorithm: climb until a function (or a for-await-of) boundary; report when the
    // climb passes through a loop's body, test or update.
    let child: Node = node;
    for (let i = ancestors.length - 1; i >= 0; i--) {
      const parent = ancestors[i];
      if (isFunction(parent) || (parent.type === 'ForOfStatement' && parent.await && parent !== node)) return;
      if (LOOPS.has(parent.type) && isLooped(child, parent)) {
        const isForAwait = node.type === 'ForOfStatement';
        out.push({
          ruleId: 'no-await-in-loop',
          severity: 'warning',
          message: isForAwait
            ? `for await…of inside a ${loopName(parent)} loop waits for every inner iteration in sequence`
            : `await ${text((node as { argument: Node }).argument).slice(0, 60)} inside a ${loopName(parent)} loop runs the iterations one after another`,
          location: at(node),
          fix: 'Collect the promises and await them together with Promise.all (with a concurrency limit for large inputs), unless each iteration depends on the previous one',
          docs: rules[1].docs,
        });
        return;
      }
      child = parent;
    }
  }

  function checkPromiseAll(call: CallExpression) {
    const name = memberPath(call.callee);
    if (name !== 'Promise.all' && name !== 'Promise.allSettled') return;
    const arg = call.arguments[0];
    if (!arg) return;
    let source: Node | undefined;
    let mapper: Node | undefined;
    if (arg.type === 'CallExpression' && arg.callee.type === 'MemberExpression' && arg.callee.property.type === 'Identifier' && arg.callee.property.name === 'map') {
      source = arg.callee.object;
      mapper = arg.arguments[0];
    } else if (arg.type === 'CallExpression' && memberPath(arg.callee) === 'Array.from' && arg.arguments.length >= 2) {
      source = arg.arguments[0];
      mapper = arg.arguments[1];
    }
    if (!source || !mapper) return;
    const why = isRequestDerived(source, tainted);
    if (!why) return;
    let limited = false;
    walk(mapper, {
      enter(n) {
        if ((n.type === 'CallExpression' || n.type === 'NewExpression') && LIMITER.test(text(n.callee))) limited = true;
        return !limited;
      },
    });
    if (limited) return;
    out.push({
      ruleId: 'unbounded-promise-all',
      severity: 'warning',
      message: `${name}(${text(source).slice(0, 60)}.map(…)) starts one task per element of ${why}, all at once`,
      location: at(call),
      fix: 'Cap the concurrency (p-limit, p-map with { concurrency }, or process in chunks) and validate the maximum length of the input',
      callee: name,
    });
  }

  function checkJsonParse(call: CallExpression, ancestors: readonly Node[]) {
    if (memberPath(call.callee) !== 'JSON.parse' || !call.arguments[0]) return;
    const why = unlimitedBody(call.arguments[0] as Node, ancestors, 0);
    if (!why) return;
    out.push({
      ruleId: 'json-parse-without-limit',
      severity: 'warning',
      message: `JSON.parse(${text(call.arguments[0]).slice(0, 50)}) parses a request body ${why}`,
      location: at(call),
      fix: 'Enforce a maximum body size before parsing (e.g. express.json({ limit: "100kb" }), raw-body with { limit }, or count bytes in the data handler and abort with 413)',
      callee: 'JSON.parse',
    });
  }

  /** Why `expr` is a request body read without a size limit, or undefined. */
  function unlimitedBody(expr: Node, ancestors: readonly Node[], depth: number): string | undefined {
    if (depth > 4) return undefined;
    let e: Node = expr;
    while (e.type === 'AwaitExpression' || e.type === 'TSAsExpression' || e.type === 'TSNonNullExpression' || e.type === 'ParenthesizedExpression') e = (e as { argument?: Node; expression?: Node }).argument ?? (e as { expression: Node }).expression;
    if (e.type === 'CallExpression' && e.callee.type === 'MemberExpression' && e.callee.property.type === 'Identifier') {
      const method = e.callee.property.name;
      // fetch-style bodies (Request, Hono c.req, new Response(stream)): text() has no size limit.
      if (method === 'text' && (isRequestDerived(e.callee.object, tainted) || e.callee.object.type === 'NewExpression')) return `read with ${text(e.callee)}(), which buffers any size`;
      if (method === 'toString' && e.callee.object.type === 'CallExpression' && memberPath(e.callee.object.callee) === 'Buffer.concat') {
        const chunks = e.callee.object.arguments[0];
        if (chunks?.type === 'Identifier' && dataHandlerWithoutLimit(chunks.name)) return `collected in a 'data' handler that never checks its size`;
      }
    }
    if (e.type === 'CallExpression' && e.callee.type === 'Identifier' && RAW_BODY_READERS.test(e.callee.name) && e.arguments[0] && isRequestDerived(e.arguments[0] as Node, tainted)) {
      const opts = e.arguments[1];
      const hasLimit = opts && (opts.type !== 'ObjectExpression' || opts.properties.some((p) => p.type === 'ObjectProperty' && p.key.type === 'Identifier' && /limit/i.test(p.key.name)));
      if (!hasLimit) return `read with ${e.callee.name}(${text(e.arguments[0])}) and no limit option`;
    }
    if (e.type === 'Identifier') {
      if (dataHandlerWithoutLimit(e.name)) return `accumulated in a 'data' handler that never checks its size`;
      const init = initOf(e.name);
      if (init) return unlimitedBody(init, ancestors, depth + 1);
    }
    return undefined;
  }

  /** `name` is appended to (+= or .push) inside `.on('data', …)` of a request, with no size check there. */
  function dataHandlerWithoutLimit(name: string): boolean {
    return bodyFacts().unlimited.has(name);
  }

  function initOf(name: string): Node | undefined {
    return bodyFacts().inits.get(name);
  }

  // One extra pass, only for files that call JSON.parse on something: keeps the tool linear.
  function bodyFacts(): { inits: Map<string, Node>; unlimited: Set<string> } {
    if (facts) return facts;
    const inits = new Map<string, Node>();
    const unlimited = new Set<string>();
    walk(mod.ast.program, {
      enter(n) {
        if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && n.init) inits.set(n.id.name, n.init);
        if (n.type === 'AssignmentExpression' && n.operator === '=' && n.left.type === 'Identifier') inits.set(n.left.name, n.right);
        if (n.type !== 'CallExpression' || n.callee.type !== 'MemberExpression' || n.callee.property.type !== 'Identifier' || n.callee.property.name !== 'on') return undefined;
        const [event, handler] = n.arguments;
        if (event?.type !== 'StringLiteral' || event.value !== 'data' || !handler || !isFunction(handler)) return undefined;
        if (!isRequestDerived(n.callee.object, tainted)) return undefined;
        const appended = new Set<string>();
        let checks = false;
        walk(handler, {
          enter(x) {
            if (x.type === 'AssignmentExpression' && x.operator === '+=' && x.left.type === 'Identifier') appended.add(x.left.name);
            if (x.type === 'CallExpression' && x.callee.type === 'MemberExpression' && x.callee.object.type === 'Identifier' && x.callee.property.type === 'Identifier' && x.callee.property.name === 'push') appended.add(x.callee.object.name);
            if (x.type === 'BinaryExpression' && /^[<>]=?$/.test(x.operator) && /length|byteLength|size|bytes|received|total/i.test(text(x))) checks = true;
            return undefined;
          },
        });
        if (!checks) for (const a of appended) unlimited.add(a);
        return undefined;
      },
    });
    facts = { inits, unlimited };
    return facts;
  }

  function checkRegExpCall(call: CallExpression) {
    if (call.callee.type !== 'Identifier' || call.callee.name !== 'RegExp') return;
    const [p, f] = call.arguments;
    const pattern = p?.type === 'StringLiteral' ? p.value : p?.type === 'TemplateLiteral' && p.expressions.length === 0 ? p.quasis[0].value.cooked : undefined;
    if (pattern === undefined || pattern === null) return;
    const flags = f === undefined ? '' : f.type === 'StringLiteral' ? f.value : '';
    checkRegex(call, pattern, flags);
  }

  function checkRegex(node: Node, pattern: string, flags: string) {
    const verdict = regexVerdict(pattern, flags);
    if (!verdict) return; // a pattern our parser does not understand is not reported rather than guessed
    if (verdict.complexity === 'safe') return;
    const exp = verdict.complexity === 'exponential';
    out.push({
      ruleId: 'redos',
      severity: exp ? 'error' : 'warning',
      message: `/${pattern}/${flags} has ${verdict.complexity} backtracking: ${verdict.reason}`,
      location: at(node),
      fix: exp
        ? `Rewrite ${verdict.culprit} so each character can be matched in only one way (remove the nested or overlapping repetition), or bound the input length before matching`
        : `Make ${verdict.culprit} unambiguous (e.g. exclude the shared characters from one side) or bound the input length before matching`,
      complexity: verdict.complexity,
      pattern,
    });
  }
}

// The same literal often appears many times (and in many files): analyze each pattern once.
const regexCache = new Map<string, RegexVerdict | null>();
function regexVerdict(pattern: string, flags: string): RegexVerdict | null {
  const key = `${flags}/${pattern}`;
  let v = regexCache.get(key);
  if (v === undefined) {
    try {
      v = analyzeRegex(pattern, flags);
    } catch {
      v = null;
    }
    if (regexCache.size > 2000) regexCache.clear();
    regexCache.set(key, v);
  }
  return v;
}

function requireOf(node: Node | null | undefined): string | undefined {
  if (node?.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'StringLiteral') return node.arguments[0].value;
  return undefined;
}

function isLooped(node: Node, parent: Node): boolean {
  switch (parent.type) {
    case 'ForStatement':
      return node === parent.test || node === parent.update || node === parent.body;
    case 'ForOfStatement':
    case 'ForInStatement':
      return node === parent.body;
    case 'WhileStatement':
    case 'DoWhileStatement':
      return node === parent.test || node === parent.body;
    default:
      return false;
  }
}

function loopName(n: Node): string {
  return { ForStatement: 'for', ForOfStatement: 'for…of', ForInStatement: 'for…in', WhileStatement: 'while', DoWhileStatement: 'do…while' }[n.type as string] ?? 'loop';
}

function functionName(fn: Node, ancestors: readonly Node[]): string {
  if ((fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression') && fn.id) return `function ${fn.id.name}`;
  if ((fn.type === 'ClassMethod' || fn.type === 'ObjectMethod') && fn.key.type === 'Identifier') return `method ${fn.key.name}`;
  const i = ancestors.indexOf(fn);
  const parent = i > 0 ? ancestors[i - 1] : undefined;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return `function ${parent.id.name}`;
  if (parent?.type === 'CallExpression') return `a callback passed to ${memberPath(parent.callee) ?? 'a call'}`;
  return `a function (line ${fn.loc!.start.line})`;
}
