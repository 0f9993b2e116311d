import { z } from 'zod';
import type { Node } from '@babel/types';
import { analyzerOptions, contentArg, defineTool, type RuleDoc } from '@mcp/core-protocol';
import { table, type Finding } from '@mcp/core-response';
import { parseModule, textOf, type ParsedModule } from '../shared/parse';
import { functionsOf, type FunctionInfo } from '../shared/metrics';
import { magicNumbers } from '../shared/magic-numbers';
import { childNodes, isFunction, walk } from '@mcp/core-js';
import { camel, excerpt, extractionCandidate, freeVariables, identifiersIn, pascal, upperSnake } from './sketches';

const CATALOG = 'https://refactoring.com/catalog/';
const rules: RuleDoc[] = [
  { id: 'extract-function', severity: 'info', summary: 'A function longer than maxFunctionLines: extract a block into a named function', docs: `${CATALOG}extractFunction.html` },
  { id: 'replace-nested-conditional-with-guard-clauses', severity: 'info', summary: 'Nested if/else whose else branch returns or throws: invert into guard clauses', docs: `${CATALOG}replaceNestedConditionalWithGuardClauses.html` },
  { id: 'introduce-parameter-object', severity: 'info', summary: 'More than maxParams parameters: group them into one object', docs: `${CATALOG}introduceParameterObject.html` },
  { id: 'decompose-conditional', severity: 'info', summary: 'A condition with three or more && / || operands: name its parts', docs: `${CATALOG}decomposeConditional.html` },
  { id: 'replace-magic-number-with-constant', severity: 'info', summary: 'A magic number: give it a named constant', docs: `${CATALOG}replaceMagicLiteral.html` },
];
const docs = (id: string) => rules.find((r) => r.id === id)?.docs;

function operandsOf(test: Node): Node[] {
  if (test.type === 'LogicalExpression' && (test.operator === '&&' || test.operator === '||')) return [...operandsOf(test.left), ...operandsOf(test.right)];
  return [test];
}

const branchExits = (n: Node | null | undefined): boolean => {
  if (!n) return false;
  if (n.type === 'ReturnStatement' || n.type === 'ThrowStatement') return true;
  if (n.type === 'BlockStatement') return n.body.length > 0 && branchExits(n.body[n.body.length - 1]) && n.body.length <= 3;
  return false;
};

/** Nests of if statements at least `min` deep (counted through the consequents) under one outer if. */
function nestedIfs(fnBody: Node, min: number): Array<{ outer: Node; chain: Array<Node & { type: 'IfStatement' }> }> {
  const out: Array<{ outer: Node; chain: Array<Node & { type: 'IfStatement' }> }> = [];
  const deepest = (n: Node & { type: 'IfStatement' }): Array<Node & { type: 'IfStatement' }> => {
    const inner = (n.consequent.type === 'BlockStatement' ? n.consequent.body : [n.consequent]).filter((s): s is Node & { type: 'IfStatement' } => s.type === 'IfStatement');
    let best: Array<Node & { type: 'IfStatement' }> = [];
    for (const i of inner) {
      const c = deepest(i);
      if (c.length > best.length) best = c;
    }
    return [n, ...best];
  };
  const visit = (n: Node, insideIf: boolean): void => {
    if (isFunction(n) && n !== fnBody) return;
    if (n.type === 'IfStatement' && !insideIf) {
      const chain = deepest(n);
      if (chain.length >= min && chain.some((c) => branchExits(c.alternate))) {
        out.push({ outer: n, chain });
        return;
      }
    }
    for (const c of childNodes(n)) visit(c, insideIf || n.type === 'IfStatement');
  };
  visit(fnBody, false);
  return out;
}

function guardSketch(mod: ParsedModule, chain: Array<Node & { type: 'IfStatement' }>): string {
  const lines: string[] = [];
  for (const c of chain) {
    const cond = textOf(mod, c.test);
    if (c.alternate && branchExits(c.alternate)) {
      lines.push(`if (!(${cond})) ${excerpt(textOf(mod, c.alternate), 3).replace(/\n\s*/g, ' ')}`);
    } else lines.push(`if (!(${cond})) return; // or the matching early exit`);
  }
  const last = chain[chain.length - 1];
  const inner = last.consequent.type === 'BlockStatement' ? last.consequent.body : [last.consequent];
  lines.push(...inner.filter((s) => s.type !== 'IfStatement').slice(0, 3).map((s) => excerpt(textOf(mod, s), 2)));
  return lines.join('\n');
}

export const suggestRefactorings = defineTool({
  name: 'quality_suggest_refactorings',
  title: 'Refactoring suggestions',
  description:
    "Suggests refactorings from Fowler's catalog at concrete code ranges — Extract Function, Replace Nested Conditional with Guard Clauses, Introduce Parameter Object, Decompose Conditional, Replace Magic Number with Constant — each with a before/after sketch built from the code.",
  input: z
    .object({
      content: contentArg('JavaScript or TypeScript source (JSX/TSX allowed)'),
      options: analyzerOptions({
        maxFunctionLines: z.number().int().min(1).optional().describe('Functions longer than this get Extract Function (default 40)'),
        minNesting: z.number().int().min(2).optional().describe('If/else nesting depth that calls for guard clauses (default 3)'),
        maxParams: z.number().int().min(1).optional().describe('More parameters than this call for a parameter object (default 4)'),
        magicNumberIgnore: z.array(z.number()).optional().describe('Numbers that are never magic (default [-1, 0, 1, 2])'),
      }),
    })
    .strict(),
  rules,
  run({ content, options }) {
    const maxLines = options?.maxFunctionLines ?? 40;
    const minNesting = options?.minNesting ?? 3;
    const maxParams = options?.maxParams ?? 4;
    const mod = parseModule(content);
    const fns = functionsOf(mod);
    const findings: Finding[] = [];
    const add = (ruleId: string, node: Node | FunctionInfo, message: string, before: string, after: string, extra: Record<string, unknown> = {}) => {
      const loc = 'loc' in node && node.loc ? { line: node.loc.start.line, column: node.loc.start.column + 1, endLine: node.loc.end.line } : { line: (node as FunctionInfo).line, column: (node as FunctionInfo).column, endLine: (node as FunctionInfo).endLine };
      findings.push({ ruleId, severity: 'info', message, location: loc, fix: `Before:\n${before}\nAfter:\n${after}`, docs: docs(ruleId), ...extra });
    };
    const fnOf = new Map(fns.map((f) => [f.node, f]));

    for (const fn of fns) {
      const signature = textOf(mod, fn.node).split('\n')[0].replace(/\{\s*$/, '').trim();
      const lines = fn.endLine - fn.line + 1;
      if (lines > maxLines) {
        const block = extractionCandidate(fn);
        if (block) {
          const first = block[0].loc!.start.line;
          const last = block[block.length - 1].loc!.end.line;
          const { inputs, outputs } = freeVariables(mod, fn, block);
          const helper = camel(['compute', ...identifiersIn(mod, block[0]).slice(0, 2)]) || 'extracted';
          const call = `${outputs.length === 1 ? `${outputs[0]} = ` : outputs.length > 1 ? `({ ${outputs.join(', ')} } = ` : ''}${helper}(${inputs.join(', ')})${outputs.length > 1 ? ')' : ''};`;
          const blockText = block.map((s) => textOf(mod, s)).join('\n');
          add(
            'extract-function',
            fn,
            `Function '${fn.name}' has ${lines} lines (limit ${maxLines}): extract lines ${first}-${last} into '${helper}'.`,
            `${signature} {\n  // ...\n  ${excerpt(blockText).replace(/\n/g, '\n  ')}\n  // ...\n}`,
            `${signature} {\n  // ...\n  ${call}\n  // ...\n}\n\nfunction ${helper}(${inputs.join(', ')}) {\n  ${excerpt(blockText, 4).replace(/\n/g, '\n  ')}${outputs.length ? `\n  return ${outputs.length === 1 ? outputs[0] : `{ ${outputs.join(', ')} }`};` : ''}\n}`,
            { function: fn.name, extractLines: `${first}-${last}` },
          );
        }
      }
      if (fn.params.length > maxParams) {
        const names = fn.params.map((p) => textOf(mod, p).replace(/\s*[:=][\s\S]*$/, '').replace(/^\.\.\./, ''));
        const typeName = `${pascal((fn.name.split('.').pop() ?? 'fn').replace(/[<>@\d]/g, '').split(/(?=[A-Z])/).map((w) => w.toLowerCase()).filter(Boolean)) || 'Function'}Options`;
        const short = fn.name.split('.').pop();
        add(
          'introduce-parameter-object',
          fn,
          `Function '${fn.name}' takes ${fn.params.length} parameters (limit ${maxParams}): pass one '${typeName}' object.`,
          `${signature}\n${short}(${names.join(', ')});`,
          `interface ${typeName} { ${fn.params.map((p) => `${textOf(mod, p).replace(/\s*=[\s\S]*$/, '').replace(/^\.\.\./, '')}${/:/.test(textOf(mod, p)) ? '' : ': unknown'}`).join('; ')} }\n${signature.replace(/\([\s\S]*\)/, `({ ${names.join(', ')} }: ${typeName})`)}\n${short}({ ${names.join(', ')} });`,
          { function: fn.name },
        );
      }
      const body = (fn.node as { body?: Node }).body;
      if (body) {
        for (const nest of nestedIfs(body, minNesting)) {
          add(
            'replace-nested-conditional-with-guard-clauses',
            nest.outer,
            `Function '${fn.name}' nests ${nest.chain.length} if statements with an else that exits: turn them into guard clauses.`,
            excerpt(textOf(mod, nest.outer), 10),
            guardSketch(mod, nest.chain),
            { function: fn.name },
          );
        }
      }
    }

    walk(mod.ast.program, {
      enter(node, _parent, ancestors) {
        const test = node.type === 'IfStatement' || node.type === 'WhileStatement' || node.type === 'ConditionalExpression' ? node.test : null;
        if (!test) return;
        const ops = operandsOf(test);
        if (ops.length < 3) return;
        const owner = [...ancestors].reverse().find((a) => fnOf.has(a));
        const fnName = owner ? fnOf.get(owner)!.name : '<module>';
        const names = ops.map((o, i) => {
          const parts = identifiersIn(mod, o).slice(-2);
          if (parts.length === 0) return `condition${i + 1}`;
          return ['is', 'has', 'can', 'should'].includes(parts[0]) ? camel(parts) : camel(['is', ...parts]);
        });
        const unique = names.map((n, i) => (names.indexOf(n) !== i ? `${n}${i + 1}` : n));
        const operators = [...textOf(mod, test).matchAll(/&&|\|\|/g)].map((m) => m[0]);
        const recombined = unique.map((n, i) => (i === 0 ? n : `${operators[i - 1] ?? '&&'} ${n}`)).join(' ');
        const kw = node.type === 'ConditionalExpression' ? '' : node.type === 'IfStatement' ? 'if' : 'while';
        add(
          'decompose-conditional',
          test,
          `The condition in '${fnName}' at line ${test.loc?.start.line} combines ${ops.length} operands: name them.`,
          `${kw}${kw ? ' ' : ''}(${textOf(mod, test)})`,
          `${ops.map((o, i) => `const ${unique[i]} = ${textOf(mod, o)};`).join('\n')}\n${kw}${kw ? ' ' : ''}(${recombined})`,
          { function: fnName, operands: ops.length },
        );
      },
    });

    for (const m of magicNumbers(mod, options?.magicNumberIgnore ?? [-1, 0, 1, 2])) {
      const owner = m.fn ? fnOf.get(m.fn) : undefined;
      const context = contextName(mod, m.node, m.chain);
      const name = upperSnake([...context, ...(context.length ? [] : ['value']), String(Math.abs(m.value)).replace(/\./g, '_')].filter(Boolean));
      const lineText = mod.lines.lineText(m.node.loc!.start.line).trim();
      add(
        'replace-magic-number-with-constant',
        m.node,
        `Magic number ${m.raw}${owner ? ` in '${owner.name}'` : ''}: replace it with a named constant.`,
        lineText,
        `const ${name} = ${m.raw};\n${lineText.replace(m.raw, name)}`,
        { function: owner?.name ?? '<module>', value: m.value },
      );
    }
    return { findings, summary: { suggestions: findings.length } };
  },
  render(envelope) {
    return [table(['refactoring', 'lines', 'function'], envelope.findings.map((f) => [f.ruleId, `${f.location?.line}-${f.location?.endLine ?? f.location?.line}`, f.function]))];
  },
});

/** Words for a constant's name from what the literal is combined with (`score > 90` -> SCORE). */
function contextName(mod: ParsedModule, lit: Node, chain: Node[]): string[] {
  let child: Node = lit;
  for (let i = chain.length - 1; i >= 0; i--) {
    const n = chain[i];
    const other =
      n.type === 'BinaryExpression' ? (n.left === child ? n.right : n.right === child ? n.left : null)
      : n.type === 'AssignmentExpression' ? n.left
      : n.type === 'CallExpression' && n.arguments.includes(child as never) ? n.callee
      : null;
    if (other) {
      const ids = identifiersIn(mod, other).slice(-2);
      if (ids.length) return ids;
    }
    if (isFunction(n) || n.type.endsWith('Statement')) return [];
    child = n;
  }
  return [];
}
