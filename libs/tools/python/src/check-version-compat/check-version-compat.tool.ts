import type { SyntaxNode } from '@lezer/common';
import { z } from 'zod';
import { analyzerOptions, contentArg, defineTool } from '@mcp/core-protocol';
import { table, type Finding } from '@mcp/core-response';
import { importAliases, qualifiedName } from '../shared/imports';
import { parsePython, type PyModule } from '../shared/parse';
import { importsOf } from '../shared/scope';
import { callArgs, kids, textOf } from '../shared/syntax';
import { BUILTIN_METHODS, KEYWORD_ARGS, STDLIB_MEMBERS, STDLIB_MODULES } from './version-data';

interface Feature {
  ruleId: 'syntax-feature' | 'stdlib-module' | 'stdlib-member';
  feature: string;
  minor: number;
  node: SyntaxNode;
}

/** "3.N" (0 ≤ N ≤ 13) or a requires-python specifier whose lower bound is used. */
export function targetMinor(target: string): number | null {
  const exact = /^\s*3\.(\d{1,2})\s*$/.exec(target);
  if (exact) return Number(exact[1]) <= 13 ? Number(exact[1]) : null;
  const clauses = target.split(',').map((c) => c.trim());
  let lower: number | null = null;
  for (const c of clauses) {
    const m = /^(>=|~=|==|>|===)\s*3\.(\d{1,2})(\.[\d*]+)?$/.exec(c);
    if (m && Number(m[2]) <= 13) lower = Math.max(lower ?? 0, Number(m[2]));
    else if (!/^(<|<=|!=)\s*\d+(\.[\d*]+)*$/.test(c)) return null;
  }
  return lower;
}

/** A bare `/` between two children of a ParamList (the positional-only marker). */
export function hasSlash(m: PyModule, list: SyntaxNode): boolean {
  let prev = list.from;
  for (let c = list.firstChild; c; c = c.nextSibling) {
    if (/\/\s*$/.test(m.text.slice(prev, c.from).replace(/#.*$/gm, '')) && !/^\/\//.test(m.text.slice(prev, c.from).trim())) return true;
    prev = c.to;
  }
  return false;
}

const syntax = (feature: string, minor: number, node: SyntaxNode): Feature => ({ ruleId: 'syntax-feature', feature, minor, node });

/** The node types detectFeatures looks at (its switch's cases). */
const FEATURE_NODES = new Set([
  'NamedExpression', 'ParamList', 'FormatString', 'MatchStatement', 'TryStatement', 'TypeDefinition', 'TypeParamList', 'WithItems', 'Decorator',
  'AwaitExpression', 'FunctionDefinition', 'ForStatement', 'WithStatement', 'AssignStatement', 'Number', 'BinaryExpression', 'UpdateStatement',
  'ArrayExpression', 'TupleExpression', 'SetExpression', 'DictionaryExpression', 'ArgList', 'ImportStatement', 'MemberExpression', 'CallExpression',
]);

export function detectFeatures(m: PyModule): Feature[] {
  const out: Feature[] = [];
  const aliases = importAliases(m);
  const futureAnnotations = /^\s*from\s+__future__\s+import\s+[^#\n]*\bannotations\b/m.test(m.text);
  const member = (name: string | null, node: SyntaxNode) => {
    if (!name) return;
    const minor = STDLIB_MEMBERS[name];
    if (minor !== undefined && minor > 0) out.push({ ruleId: 'stdlib-member', feature: name, minor, node });
  };
  const inAnnotation = (n: SyntaxNode) => {
    for (let p = n.parent; p; p = p.parent) {
      if (p.name === 'TypeDef') return true;
      if (/Statement$|Definition$/.test(p.name)) return false;
    }
    return false;
  };
  m.tree.iterate({
    enter: (ref) => {
      // Most nodes are none of the cases below: skip them before materializing a SyntaxNode.
      if (!FEATURE_NODES.has(ref.name)) return undefined;
      const n = ref.node;
      switch (ref.name) {
        case 'NamedExpression':
          out.push(syntax('assignment expression (:=)', 8, n));
          break;
        case 'ParamList':
          // The grammar keeps `/` as an anonymous token: look for it between parameters.
          if (hasSlash(m, n)) out.push(syntax('positional-only parameters', 8, n));
          break;
        case 'FormatString': {
          out.push(syntax('f-string', 6, n));
          if (kids(n).some((r) => kids(r).some((c) => c.name === 'FormatSelfDoc'))) out.push(syntax('f-string self-documenting expression (=)', 8, n));
          const quote = /^[fFrR]*('''|"""|'|")/.exec(textOf(m, n))?.[1];
          // Before 3.12 a replacement field could not contain the f-string's own quote (PEP 701).
          const nested = (x: SyntaxNode): boolean => {
            for (let c = x.firstChild; c; c = c.nextSibling) {
              if ((c.name === 'String' || c.name === 'FormatString') && quote && textOf(m, c).replace(/^[a-zA-Z]*/, '').startsWith(quote[0])) return true;
              if (nested(c)) return true;
            }
            return false;
          };
          if (kids(n).some((r) => r.name === 'FormatReplacement' && nested(r))) out.push(syntax('f-string reusing its quote inside a replacement (PEP 701)', 12, n));
          break;
        }
        case 'MatchStatement':
          out.push(syntax('match statement', 10, n));
          break;
        case 'TryStatement':
          for (const [i, c] of kids(n).entries()) if (c.name === '*' && kids(n)[i - 1]?.name === 'except') out.push(syntax('exception groups (except*)', 11, kids(n)[i - 1]));
          break;
        case 'TypeDefinition':
          out.push(syntax('type statement', 12, n));
          break;
        case 'TypeParamList':
          out.push(syntax('type parameter lists (PEP 695 generics)', 12, n));
          break;
        case 'WithItems':
          out.push(syntax('parenthesized context managers', 9, n));
          break;
        case 'Decorator': {
          const expr = kids(n)[1];
          const plain = (x: SyntaxNode | undefined): boolean =>
            !!x && (x.name === 'VariableName' || (x.name === 'MemberExpression' && kids(x)[1]?.name === '.' && plain(kids(x)[0])) || (x.name === 'CallExpression' && plain(kids(x)[0])));
          if (!plain(expr)) out.push(syntax('relaxed decorator expressions (PEP 614)', 9, n));
          break;
        }
        case 'AwaitExpression':
          out.push(syntax('async/await', 5, n));
          break;
        case 'FunctionDefinition':
        case 'ForStatement':
        case 'WithStatement':
          if (n.firstChild?.name === 'async') out.push(syntax(`async ${n.firstChild.nextSibling?.name ?? ''}`.trim(), 5, n));
          break;
        case 'AssignStatement':
          if (kids(n).some((c) => c.name === 'TypeDef')) out.push(syntax('variable annotations', 6, n));
          break;
        case 'Number':
          if (textOf(m, n).includes('_')) out.push(syntax('underscores in numeric literals', 6, n));
          break;
        case 'BinaryExpression': {
          const op = kids(n)[1];
          if (op && textOf(m, op) === '@') out.push(syntax('matrix multiplication operator (@)', 5, n));
          if (op && textOf(m, op) === '|' && !futureAnnotations && inAnnotation(n)) out.push(syntax('union types (X | Y)', 10, n));
          break;
        }
        case 'UpdateStatement':
          if (textOf(m, kids(n)[1] ?? n) === '@=') out.push(syntax('matrix multiplication operator (@)', 5, n));
          break;
        case 'ArrayExpression':
        case 'TupleExpression':
        case 'SetExpression':
        case 'DictionaryExpression':
        case 'ArgList': {
          const stars = kids(n).filter((c) => c.name === '*' || c.name === '**').length;
          if (stars > 1 || (n.name !== 'ArgList' && stars > 0)) out.push(syntax('generalized unpacking (PEP 448)', 5, n));
          break;
        }
        case 'ImportStatement': {
          const isFrom = n.firstChild?.name === 'from';
          for (const imp of importsOf(m, n)) {
            const mod = isFrom ? imp.info.module : imp.info.fullName;
            if (mod === '__future__' && imp.bound === 'annotations') out.push(syntax('from __future__ import annotations', 7, n));
            for (const [name, minor] of Object.entries(STDLIB_MODULES)) {
              if (mod === name || mod.startsWith(`${name}.`)) out.push({ ruleId: 'stdlib-module', feature: name, minor, node: n });
            }
            if (isFrom && !imp.star) member(imp.info.fullName, n);
          }
          return false;
        }
        case 'MemberExpression':
          if (kids(n)[1]?.name === '.') member(qualifiedName(m, n, aliases), n);
          break;
        case 'CallExpression': {
          const [callee, argList] = kids(n);
          const name = callee.name === 'VariableName' ? (aliases.get(textOf(m, callee)) ?? textOf(m, callee)) : qualifiedName(m, callee, aliases);
          if (callee.name === 'VariableName') member(textOf(m, callee) in STDLIB_MEMBERS && !aliases.has(textOf(m, callee)) ? textOf(m, callee) : null, n);
          if (callee.name === 'MemberExpression') {
            const method = textOf(m, kids(callee)[2] ?? callee);
            const known = BUILTIN_METHODS[method];
            if (known) out.push({ ruleId: 'stdlib-member', feature: known[0], minor: known[1], node: n });
          }
          const kw = name ? KEYWORD_ARGS[name] : undefined;
          if (kw) for (const key of callArgs(m, argList).keywords.keys()) if (kw[key]) out.push({ ruleId: 'stdlib-member', feature: `${name}(${key}=)`, minor: kw[key], node: n });
          break;
        }
      }
      return undefined;
    },
  });
  return out;
}

export const checkVersionCompat = defineTool({
  name: 'python_check_version_compat',
  title: 'Python version compatibility (vermin)',
  description:
    'Finds syntax and standard-library features newer than a target Python version (walrus 3.8, positional-only parameters 3.8, match 3.10, X | Y unions 3.10, except* 3.11, type statement and PEP 695 generics 3.12, new modules, functions and keyword arguments) and computes the minimum version the file needs, like vermin.',
  input: z
    .object({
      content: contentArg('The Python source file to check'),
      target: z
        .string()
        .refine((t) => targetMinor(t) !== null, { message: 'Expected "3.N" (0 ≤ N ≤ 13) or a requires-python specifier such as ">=3.9"' })
        .describe('The oldest Python to support: "3.N" or a requires-python specifier such as ">=3.9" (its lower bound is used)'),
      options: analyzerOptions({}),
    })
    .strict(),
  rules: [
    { id: 'syntax-feature', severity: 'error', summary: 'Grammar newer than the target version', docs: 'https://github.com/netromdk/vermin' },
    { id: 'stdlib-module', severity: 'error', summary: 'A standard-library module added after the target version', docs: 'https://docs.python.org/3/py-modindex.html' },
    { id: 'stdlib-member', severity: 'error', summary: 'A standard-library function, class, constant or keyword argument added after the target version', docs: 'https://docs.python.org/3/library/' },
  ],
  run({ content, target }) {
    const m = parsePython(content);
    const targetMinorVersion = targetMinor(target)!;
    const features = detectFeatures(m);
    const seen = new Set<string>();
    const rows: { feature: string; minVersion: string; line: number }[] = [];
    const findings: Finding[] = [];
    for (const f of features) {
      const pos = m.lines.position(f.node.from);
      const key = `${f.feature}\0${pos.line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const minVersion = `3.${f.minor}`;
      rows.push({ feature: f.feature, minVersion, line: pos.line });
      if (f.minor > targetMinorVersion) {
        findings.push({
          ruleId: f.ruleId,
          severity: 'error',
          message: `${f.feature} requires Python ${minVersion}, newer than the target 3.${targetMinorVersion}`,
          location: { line: pos.line, column: pos.column },
          fix: `Raise the minimum Python to ${minVersion}, or rewrite without ${f.feature}`,
          docs: 'https://github.com/netromdk/vermin',
          feature: f.feature,
          minVersion,
        });
      }
    }
    const minimum = rows.reduce((mx, r) => Math.max(mx, Number(r.minVersion.split('.')[1])), 0);
    rows.sort((a, b) => a.line - b.line || a.feature.localeCompare(b.feature));
    return { findings, metrics: { minimumVersion: `3.${minimum}`, target: `3.${targetMinorVersion}`, features: rows } };
  },
  render(env) {
    const metrics = env.metrics as { minimumVersion: string; features: { feature: string; minVersion: string; line: number }[] } | undefined;
    if (!metrics) return [];
    return [`Minimum version: ${metrics.minimumVersion}`, table(['feature', 'min version', 'line'], metrics.features.map((f) => [f.feature, f.minVersion, f.line]))];
  },
});
