import { z } from 'zod';
import { analyzerOptions, defineTool, filesArg, type RuleDoc } from '@mcp/core-protocol';
import { table, type Finding } from '@mcp/core-response';
import { unreachableRuns } from '../shared/control-flow';
import { globToRegExp, moduleInfo, resolveSpecifier, SOURCE_EXT, type ModuleInfo } from './module-graph';
import { unusedPrivateMembers } from './private-members';

const rules: RuleDoc[] = [
  { id: 'unused-file', severity: 'warning', summary: 'A source file not reachable from any entry file', docs: 'https://knip.dev/typescript/unused-files' },
  { id: 'unused-export', severity: 'warning', summary: 'An exported function, class, enum or variable that no other file imports', docs: 'https://knip.dev/typescript/unused-exports' },
  { id: 'unused-type', severity: 'info', summary: 'An exported type alias or interface that no other file uses', docs: 'https://knip.dev/typescript/unused-exports' },
  { id: 'no-unreachable', severity: 'error', summary: 'Statements after return, throw, break or continue', docs: 'https://eslint.org/docs/latest/rules/no-unreachable' },
  { id: 'no-unused-private-class-members', severity: 'warning', summary: 'Private class members (#x or TypeScript private) that are never read', docs: 'https://eslint.org/docs/latest/rules/no-unused-private-class-members' },
];
const docs = (id: string) => rules.find((r) => r.id === id)?.docs;

const DEFAULT_ENTRIES = ['{index,main,cli}.*', 'src/{index,main,cli}.*', 'bin/*'];
const TEST_FILE = /(?:^|\/)(?:__tests__\/|test\/|tests\/)|\.(?:test|spec|e2e)\.[cm]?[jt]sx?$/;

export const findDeadCode = defineTool({
  name: 'quality_find_dead_code',
  title: 'Dead code',
  description:
    'Finds unused files (unreachable from entry files), unused exports and exported types (as knip / ts-prune), unreachable statements and unused private class members across a set of JavaScript/TypeScript files.',
  input: z
    .object({
      files: filesArg('Source files of the project, with paths relative to the project root'),
      options: analyzerOptions({
        entries: z.array(z.string()).optional().describe('Entry file globs (default {index,main,cli}.*, src/{index,main,cli}.*, bin/*; test files are always entries)'),
      }),
    })
    .strict(),
  rules,
  run({ files, options }) {
    const sources = files.filter((f) => SOURCE_EXT.test(f.path));
    const infos = new Map<string, ModuleInfo>();
    for (const f of sources) infos.set(f.path, moduleInfo(f.path, f.content));
    const paths = new Set(infos.keys());
    const entryRes = (options?.entries ?? DEFAULT_ENTRIES).map(globToRegExp);
    const isEntry = (p: string) => TEST_FILE.test(p) || entryRes.some((r) => r.test(p));
    const resolved = new Map<string, Map<string, string | null>>();
    const resolve = (from: string, spec: string) => {
      const cache = resolved.get(from) ?? resolved.set(from, new Map()).get(from)!;
      if (!cache.has(spec)) cache.set(spec, resolveSpecifier(from, spec, paths));
      return cache.get(spec)!;
    };

    // Reachability from the entries through imports, re-exports and dynamic imports.
    const reachable = new Set<string>();
    const queue = [...paths].filter(isEntry).sort();
    for (const e of queue) reachable.add(e);
    while (queue.length) {
      const cur = infos.get(queue.shift()!)!;
      for (const spec of [...cur.imports.map((i) => i.from), ...cur.reExports.map((r) => r.from)]) {
        const target = resolve(cur.path, spec);
        if (target && !reachable.has(target)) {
          reachable.add(target);
          queue.push(target);
        }
      }
    }

    // Export usage: imported names, propagated through re-exports and barrels.
    const used = new Map<string, Set<string>>();
    const seen = new Set<string>();
    const markUsed = (path: string, name: string): void => {
      const key = `${path}\u0000${name}`;
      if (seen.has(key)) return;
      seen.add(key);
      const info = infos.get(path);
      if (!info) return;
      (used.get(path) ?? used.set(path, new Set()).get(path)!).add(name);
      for (const re of info.reExports) {
        const target = resolve(path, re.from);
        if (!target) continue;
        if (name === '*') markUsed(target, re.local === '*' ? '*' : re.local);
        else if (re.exported === name) markUsed(target, re.local);
        else if (re.exported === '*' && !info.exports.some((e) => e.name === name)) markUsed(target, name);
      }
    };
    for (const info of infos.values()) {
      if (isEntry(info.path)) markUsed(info.path, '*');
      for (const imp of info.imports) {
        const target = resolve(info.path, imp.from);
        if (!target) continue;
        for (const name of imp.names) markUsed(target, name);
      }
    }

    const findings: Finding[] = [];
    const fileRows: Array<{ path: string; reachable: boolean; entry: boolean; exports: number; unusedExports: number }> = [];
    for (const info of [...infos.values()].sort((a, b) => (a.path < b.path ? -1 : 1))) {
      const entry = isEntry(info.path);
      let unusedExports = 0;
      if (!reachable.has(info.path)) {
        findings.push({
          ruleId: 'unused-file',
          severity: 'warning',
          message: `File '${info.path}' is not imported from any entry file.`,
          location: { path: info.path, line: 1 },
          fix: 'Delete the file, or import it from where it is needed (or add it to options.entries if it is an entry point).',
          docs: docs('unused-file'),
          name: info.path,
        });
      } else if (!entry) {
        const names = used.get(info.path) ?? new Set<string>();
        for (const e of info.exports) {
          if (names.has('*') || names.has(e.name) || e.usedInFile) continue;
          unusedExports++;
          const isType = e.kind === 'type';
          findings.push({
            ruleId: isType ? 'unused-type' : 'unused-export',
            severity: isType ? 'info' : 'warning',
            message: `Exported ${e.declares} '${e.name}' in ${info.path} is not imported by any other file.`,
            location: { path: info.path, line: e.line, column: e.column },
            fix: `Remove the export keyword (or the ${e.declares} itself if nothing in ${info.path} uses it).`,
            docs: docs(isType ? 'unused-type' : 'unused-export'),
            name: e.name,
          });
        }
      }
      for (const run of unreachableRuns(info.mod.ast.program)) {
        findings.push({
          ruleId: 'no-unreachable',
          severity: 'error',
          message: `Unreachable code in ${info.path} (lines ${run.first.loc!.start.line}-${run.last.loc!.end.line}).`,
          location: { path: info.path, line: run.first.loc!.start.line, column: run.first.loc!.start.column + 1, endLine: run.last.loc!.end.line },
          fix: 'Delete the unreachable statements or move them before the return/throw.',
          docs: docs('no-unreachable'),
          name: info.mod.lines.lineText(run.first.loc!.start.line).trim().slice(0, 60),
        });
      }
      for (const m of unusedPrivateMembers(info.mod)) {
        findings.push({
          ruleId: 'no-unused-private-class-members',
          severity: 'warning',
          message: `'${m.name}' is defined but never used (class ${m.className} in ${info.path}).`,
          location: { path: info.path, line: m.node.loc!.start.line, column: m.node.loc!.start.column + 1 },
          fix: `Remove '${m.name}' from ${m.className}, or use it.`,
          docs: docs('no-unused-private-class-members'),
          name: m.name,
        });
      }
      fileRows.push({ path: info.path, reachable: reachable.has(info.path), entry, exports: info.exports.length, unusedExports });
    }
    return { findings, metrics: { files: fileRows, entries: fileRows.filter((f) => f.entry).map((f) => f.path) } };
  },
  render(envelope) {
    const rows = (envelope.metrics?.files ?? []) as Array<{ path: string; reachable: boolean; entry: boolean; exports: number; unusedExports: number }>;
    return [table(['file', 'entry', 'reachable', 'exports', 'unused exports'], rows.map((r) => [r.path, r.entry ? 'yes' : '', r.reachable ? 'yes' : 'no', r.exports, r.unusedExports]))];
  },
});
