import { z } from 'zod';
import { analyzerOptions, contentArg, defineTool, filesArg, type RuleDoc } from '@mcp/core-protocol';
import { ParseError, table, type Finding } from '@mcp/core-response';
import { isBuiltin } from '../shared/builtins';
import { globToRegExp } from '../shared/glob';
import { collectImports, packageNameOf, type ImportRef } from '../shared/imports';
import { entryOf, parseJsonTree, type JsonEntry } from '../shared/json-tree';
import { parseSource } from '../shared/parse-source';
import { resolveRelative } from '../shared/resolve';
import { BIN_PROVIDERS, GLOBAL_BINARIES, binariesOf } from './scripts';

const KNIP = 'https://knip.dev/reference/issue-types';
export const rules: RuleDoc[] = [
  { id: 'unused-dependency', severity: 'warning', summary: 'A package in dependencies is never imported and its binaries are never called', docs: KNIP },
  { id: 'unused-dev-dependency', severity: 'warning', summary: 'A package in devDependencies is never imported and its binaries are never called', docs: KNIP },
  { id: 'unlisted-dependency', severity: 'error', summary: 'A package is imported but declared in no dependency group of package.json', docs: KNIP },
  { id: 'dev-dependency-in-production', severity: 'error', summary: 'A package declared only in devDependencies is imported by production code, so a production install breaks', docs: KNIP },
  { id: 'unlisted-binary', severity: 'warning', summary: 'A script calls a binary that no declared dependency provides', docs: KNIP },
];

const input = z
  .object({
    manifest: contentArg('The package.json of the project'),
    files: filesArg('The project\'s source files (JS/TS; others are ignored), paths relative to the package root'),
    options: analyzerOptions({
      entries: z.array(z.string()).optional().describe('Entry globs; only files reachable from them (plus tests and tool configs) count. Default: main/exports/bin of the manifest and {index,main,cli}.*, src/{index,main,cli}.*; all files when none matches'),
      ignoreDependencies: z.array(z.string()).optional().describe('Package names (globs allowed, e.g. "@types/*") never to report'),
    }),
  })
  .strict();

const SOURCE = /\.(c|m)?[jt]sx?$/;
const DTS = /\.d\.(c|m)?ts$/;
const TEST = /(^|\/)(test|tests|__tests__|__mocks__)\/|\.(test|spec)\.[^/]+$/;
const CONFIG = /(^|\/)[^/]*\.config\.[^/]+$|(^|\/)\.[^/]*rc(\.[^/]+)?$/;
/** knip never reports these as unused: they are used by tooling implicitly. */
const NEVER_UNUSED = new Set(['typescript', 'knip']);

interface Usage {
  prod: ImportRef & { path: string };
  any: ImportRef & { path: string };
  /** Some import needs the package at run time (not only its types). */
  runtime: boolean;
}

export const findUnusedDependenciesTool = defineTool({
  name: 'node_find_unused_dependencies',
  title: 'Unused and unlisted dependencies',
  description:
    'Compares package.json with what the source files import and what its scripts call, like knip: unused dependencies and devDependencies, ' +
    'imported but undeclared packages, devDependencies imported from production code, and binaries no dependency provides.',
  input,
  rules,
  run({ manifest, files, options }) {
    const { value, root } = parseJsonTree(manifest, 'manifest');
    if (root.kind !== 'object') throw new ParseError('package.json must be a JSON object', root.line, root.column, 'manifest');
    const pkg = value as Record<string, unknown>;
    const group = (field: string) => {
      const e = entryOf(root, field);
      return new Map<string, JsonEntry>(e?.value.kind === 'object' ? e.value.entries.map((d) => [d.key, d]) : []);
    };
    const deps = group('dependencies');
    const dev = group('devDependencies');
    const peer = group('peerDependencies');
    const optional = group('optionalDependencies');
    const declared = (name: string) => deps.has(name) || dev.has(name) || peer.has(name) || optional.has(name);
    const ignores = (options?.ignoreDependencies ?? []).map(globToRegExp);
    const ignored = (name: string) => ignores.some((re) => re.test(name));

    // Parse every source file first: a file that does not parse fails the call (TOOLS.md).
    const sources = files.filter((f) => SOURCE.test(f.path));
    const imports = new Map<string, ImportRef[]>();
    for (const f of sources) {
      try {
        imports.set(f.path, collectImports(parseSource(f.content, f.path).ast));
      } catch (error) {
        if (error instanceof ParseError) throw error.in(f.path);
        throw error;
      }
    }

    const analyzed = reachableFiles(pkg, sources.map((f) => f.path), imports, options?.entries);
    const usage = new Map<string, Usage>();
    let builtinUsed = false;
    for (const path of [...analyzed].sort()) {
      const production = !TEST.test(path) && !CONFIG.test(path);
      for (const ref of imports.get(path) ?? []) {
        if (isBuiltin(ref.specifier)) {
          builtinUsed = true;
          continue;
        }
        const name = packageNameOf(ref.specifier);
        if (!name) continue;
        const at = { ...ref, path };
        const runtime = !ref.typeOnly && !DTS.test(path);
        const u = usage.get(name);
        if (!u) usage.set(name, { any: at, prod: production && runtime ? at : (undefined as never), runtime });
        else {
          if (production && runtime && !u.prod) u.prod = at;
          u.runtime ||= runtime;
        }
      }
    }

    const scripts = entryOf(root, 'scripts');
    const scriptNames = new Set(scripts?.value.kind === 'object' ? scripts.value.entries.map((e) => e.key) : []);
    const ownBins = binNames(pkg);
    const binaryUsers = new Set<string>();
    const findings: Finding[] = [];
    if (scripts?.value.kind === 'object') {
      for (const s of scripts.value.entries) {
        if (s.value.kind !== 'string') continue;
        for (const bin of new Set(binariesOf(s.value.value, scriptNames))) {
          if (GLOBAL_BINARIES.has(bin) || ownBins.has(bin)) continue;
          const providers = [...(BIN_PROVIDERS[bin] ?? []), bin].filter(declared);
          const scoped = [...deps.keys(), ...dev.keys(), ...optional.keys()].filter((d) => d.startsWith('@') && d.endsWith(`/${bin}`));
          if (providers.length || scoped.length) {
            for (const p of [...providers, ...scoped]) binaryUsers.add(p);
          } else if (!ignored(bin)) {
            findings.push({
              ruleId: 'unlisted-binary',
              severity: 'warning',
              message: `Script "${s.key}" calls ${bin}, which no declared dependency provides`,
              location: { path: 'package.json', line: s.line, column: s.column },
              fix: `Add the package that provides ${bin} to devDependencies (npm i -D ${BIN_PROVIDERS[bin]?.[0] ?? bin})`,
              docs: KNIP,
              binary: bin,
            });
          }
        }
      }
    }

    const isUsed = (name: string): boolean => {
      if (usage.has(name) || binaryUsers.has(name)) return true;
      if (name.startsWith('@types/')) {
        const bare = name.slice('@types/'.length);
        const target = bare.includes('__') ? `@${bare.replace('__', '/')}` : bare;
        return usage.has(target) || binaryUsers.has(target) || (target === 'node' && builtinUsed);
      }
      return false;
    };

    const selfName = typeof pkg.name === 'string' ? pkg.name : undefined;
    for (const [groupMap, ruleId, groupName] of [
      [deps, 'unused-dependency', 'dependencies'],
      [dev, 'unused-dev-dependency', 'devDependencies'],
    ] as const) {
      for (const [name, entry] of groupMap) {
        if (isUsed(name) || ignored(name) || NEVER_UNUSED.has(name)) continue;
        if (groupMap === dev && deps.has(name)) continue; // repeated: the dependencies entry speaks for it
        findings.push({
          ruleId,
          severity: 'warning',
          message: `${name} is in ${groupName} but no analyzed file imports it and no script calls its binary`,
          location: { path: 'package.json', line: entry.line, column: entry.column },
          fix: `Remove ${name} from ${groupName} (npm uninstall ${name}) if nothing loads it by name at run time`,
          docs: KNIP,
          package: name,
        });
      }
    }
    for (const [name, u] of [...usage].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (ignored(name) || name === selfName) continue;
      // Types-only use of `x` is covered by a declared @types/x.
      const typesPackage = `@types/${name.startsWith('@') ? name.slice(1).replace('/', '__') : name}`;
      if (!declared(name) && !(declared(typesPackage) && !u.runtime)) {
        findings.push({
          ruleId: 'unlisted-dependency',
          severity: 'error',
          message: `${name} is imported by ${u.any.path} ("${u.any.specifier}") but is not declared in package.json`,
          location: { path: u.any.path, line: u.any.line, column: u.any.column },
          fix: `Add ${name} to ${u.prod ? 'dependencies' : 'devDependencies'} (npm i ${u.prod ? '' : '-D '}${name})`,
          docs: KNIP,
          package: name,
        });
      } else if (u.prod && dev.has(name) && !deps.has(name) && !peer.has(name) && !optional.has(name)) {
        findings.push({
          ruleId: 'dev-dependency-in-production',
          severity: 'error',
          message: `${name} is only a devDependency but production file ${u.prod.path} imports it ("${u.prod.specifier}")`,
          location: { path: u.prod.path, line: u.prod.line, column: u.prod.column },
          fix: `Move ${name} from devDependencies to dependencies, or stop importing it from production code`,
          docs: KNIP,
          package: name,
        });
      }
    }

    const declaredNames = new Set([...deps.keys(), ...dev.keys()]);
    return {
      findings,
      metrics: {
        filesAnalyzed: analyzed.size,
        filesUnreachable: sources.length - analyzed.size,
        declaredDependencies: declaredNames.size,
        usedDependencies: [...declaredNames].filter(isUsed).length,
      },
    };
  },
  render(envelope) {
    const rows = envelope.findings.map((f) => [f.ruleId, f.package ?? f.binary, f.location ? `${f.location.path}:${f.location.line}` : '']);
    return [table(['issue', 'package / binary', 'where'], rows)];
  },
});

function binNames(pkg: Record<string, unknown>): Set<string> {
  const bin = pkg.bin;
  if (typeof bin === 'string' && typeof pkg.name === 'string') return new Set([pkg.name.replace(/^@[^/]+\//, '')]);
  if (bin && typeof bin === 'object') return new Set(Object.keys(bin));
  return new Set();
}

/** Manifest entry points: main, module, bin, exports targets (any depth). */
function manifestEntries(pkg: Record<string, unknown>): string[] {
  const out: string[] = [];
  const add = (v: unknown) => {
    if (typeof v === 'string') out.push(v.replace(/^\.\//, ''));
    else if (v && typeof v === 'object') for (const x of Object.values(v)) add(x);
  };
  add(pkg.main);
  add(pkg.module);
  add(pkg.types);
  add(pkg.typings);
  add(pkg.bin);
  add(pkg.exports);
  return out;
}

const DEFAULT_ENTRY_GLOBS = ['{index,main,cli}.{js,mjs,cjs,jsx,ts,mts,cts,tsx}', 'src/{index,main,cli}.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'];

/**
 * knip's model: files reachable from the entries through relative imports, plus test files and
 * tool configs (their runners load them). With no entry matching, every file counts.
 */
function reachableFiles(pkg: Record<string, unknown>, paths: string[], imports: Map<string, ImportRef[]>, entries?: string[]): Set<string> {
  const set = new Set(paths);
  const starts = new Set<string>();
  if (entries?.length) {
    const res = entries.map(globToRegExp);
    for (const p of paths) if (res.some((r) => r.test(p))) starts.add(p);
  } else {
    for (const e of manifestEntries(pkg)) {
      const hit = resolveRelative('', `./${e}`, set) ?? resolveRelative('', `./${e.replace(/^(dist|lib|build|out)\//, 'src/')}`, set);
      if (hit) starts.add(hit);
    }
    const res = DEFAULT_ENTRY_GLOBS.map(globToRegExp);
    for (const p of paths) if (res.some((r) => r.test(p))) starts.add(p);
  }
  if (starts.size === 0) return set;
  for (const p of paths) if (TEST.test(p) || CONFIG.test(p)) starts.add(p);
  const seen = new Set<string>();
  const stack = [...starts];
  while (stack.length) {
    const p = stack.pop()!;
    if (seen.has(p)) continue;
    seen.add(p);
    // The declaration file beside a reachable module ships with it (what "types" consumers read).
    const dts = p.replace(/\.(c|m)?js$/, (_m, k: string | undefined) => `.d.${k ?? ''}ts`);
    if (dts !== p && set.has(dts)) stack.push(dts);
    for (const ref of imports.get(p) ?? []) {
      const target = resolveRelative(p, ref.specifier, set);
      if (target && !seen.has(target)) stack.push(target);
    }
  }
  return seen;
}
