import { z } from 'zod';
import { analyzerOptions, defineTool, filesArg } from '@mcp/core-protocol';
import { table, type Finding } from '@mcp/core-response';
import { isPythonPath, parsePython } from '../shared/parse';
import { VultureScanner, type Item, type ItemType } from './vulture';

const RULE: Record<ItemType, string> = {
  import: 'unused-import',
  function: 'unused-function',
  class: 'unused-class',
  method: 'unused-method',
  property: 'unused-property',
  attribute: 'unused-attribute',
  variable: 'unused-variable',
  unreachable_code: 'unreachable-code',
};
const VULTURE_DOCS = 'https://github.com/jendrikseipp/vulture#types-of-unused-code';

/** fnmatch-style glob (`*`, `?`, `[...]`) as a whole-name regular expression. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        re += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export function findDeadCode(files: { path: string; content: string }[], ignoreNames: string[] = []): Item[] {
  const used = new Set<string>();
  const defined: Item[] = [];
  for (const f of files.filter((x) => isPythonPath(x.path))) {
    const scanner = new VultureScanner(parsePython(f.content, f.path), used);
    scanner.run();
    defined.push(...scanner.defined);
  }
  const ignore = ignoreNames.map(globToRegExp);
  const seen = new Set<string>();
  return defined.filter((d) => {
    const key = `${d.path}\0${d.line}\0${d.name}\0${d.type}`;
    if (seen.has(key)) return false;
    seen.add(key);
    if (ignore.some((re) => re.test(d.name))) return false;
    return d.type === 'unreachable_code' || !used.has(d.name);
  });
}

export const findDeadCodeTool = defineTool({
  name: 'python_find_dead_code',
  title: 'Python dead code (vulture)',
  description:
    "Finds unused imports, functions, classes, methods, properties, attributes and variables (including unused arguments) and unreachable code across several Python files, like vulture: a use of a name in any file counts, and each finding carries vulture's confidence percentage.",
  input: z
    .object({
      files: filesArg('The Python files to analyze together (only *.py and *.pyi are read); paths relative to the project root'),
      options: analyzerOptions({
        minConfidence: z.number().int().min(0).max(100).default(0).describe('Report only findings with at least this confidence (0-100)'),
        ignoreNames: z.array(z.string()).default([]).describe('Names (fnmatch globs such as "test_*") never to report'),
      }),
    })
    .strict(),
  rules: Object.entries(RULE).map(([type, id]) => ({
    id,
    severity: type === 'unreachable_code' || type === 'import' ? ('warning' as const) : ('info' as const),
    summary: type === 'unreachable_code' ? 'Code after return/raise/break/continue, or under a condition that is always false' : `Unused ${type}${type === 'variable' ? ' (or function argument)' : ''}, used nowhere in the given files`,
    docs: VULTURE_DOCS,
  })),
  run({ files, options }) {
    const min = options?.minConfidence ?? 0;
    const items = findDeadCode(files, options?.ignoreNames ?? []).filter((i) => i.confidence >= min);
    const findings: Finding[] = items.map((i) => ({
      ruleId: RULE[i.type],
      severity: i.confidence >= 90 ? 'warning' : 'info',
      message: `${i.message} (${i.confidence}% confidence)`,
      location: { path: i.path, line: i.line, column: i.column, ...(i.endLine > i.line ? { endLine: i.endLine } : {}) },
      fix: i.type === 'unreachable_code' ? 'Delete the unreachable code or fix the condition' : `Delete '${i.name}' if it is really unused, or add it to options.ignoreNames (whitelist) if it is used dynamically`,
      docs: VULTURE_DOCS,
      name: i.name,
      confidence: i.confidence,
    }));
    const perFile = new Map<string, number>();
    for (const i of items) perFile.set(i.path, (perFile.get(i.path) ?? 0) + 1);
    const pyFiles = files.filter((f) => isPythonPath(f.path));
    return {
      findings,
      metrics: {
        filesScanned: pyFiles.length,
        unusedLines: items.reduce((s, i) => s + (i.endLine - i.line + 1), 0),
        files: pyFiles.map((f) => ({ path: f.path, findings: perFile.get(f.path) ?? 0 })),
      },
    };
  },
  render(env) {
    const files = (env.metrics?.files ?? []) as { path: string; findings: number }[];
    return [table(['file', 'findings'], files.map((f) => [f.path, f.findings]))];
  },
});
