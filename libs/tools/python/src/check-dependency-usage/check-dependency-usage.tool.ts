import { z } from 'zod';
import { analyzerOptions, defineTool, filesArg } from '@mcp/core-protocol';
import { table, type Finding } from '@mcp/core-response';
import { moduleImports } from '../shared/imports';
import { isPythonPath, parsePython } from '../shared/parse';
import { normalizeName, parseManifest, type Dependency } from '../shared/requirements';
import { STDLIB } from '../shared/stdlib';
import { globToRegExp } from '../find-dead-code/find-dead-code.tool';
import { MODULE_TO_DISTRIBUTION } from './module-map';

const DEFAULT_EXCLUDE = ['tests/', 'test/', '.venv/', 'venv/', 'setup.py'];
const DEPTRY = (id: string) => `https://deptry.com/rules-violations/#${id.toLowerCase()}`;

const excluded = (path: string, patterns: string[]) =>
  patterns.some((p) => (p.endsWith('/') ? path.startsWith(p) || path.includes(`/${p}`) : path === p || path.endsWith(`/${p}`) || globToRegExp(p).test(path)));

/** Top-level modules the project itself provides (its packages and modules, under src/ too). */
function firstParty(paths: string[]): Set<string> {
  const out = new Set<string>();
  for (const p of paths) {
    const parts = p.replace(/^\.\//, '').split('/');
    const rel = parts[0] === 'src' && parts.length > 1 ? parts.slice(1) : parts;
    out.add(rel.length === 1 ? rel[0].replace(/\.pyi?$/, '') : rel[0]);
  }
  return out;
}

export const checkDependencyUsage = defineTool({
  name: 'python_check_dependency_usage',
  title: 'Python dependency usage (deptry)',
  description:
    "Compares a project's declared dependencies (pyproject.toml PEP 621/PEP 735/Poetry, or requirements) with the imports of its source files, like deptry: missing (DEP001), unused (DEP002), transitive (DEP003, needs a lockfile among files) and dev dependencies used in production code (DEP004), mapping import names to distributions (yaml -> PyYAML, PIL -> Pillow, ...).",
  input: z
    .object({
      manifest: z.string().describe('pyproject.toml (PEP 621, PEP 735 dependency-groups or Poetry) or a requirements file, as text'),
      files: filesArg('Source files (*.py are scanned) plus optionally poetry.lock, uv.lock or a pinned requirements file giving the installed set'),
      options: analyzerOptions({
        exclude: z.array(z.string()).optional().describe('Path prefixes ("tests/") or globs not to scan; replaces the defaults tests/, test/, .venv/, venv/, setup.py'),
        packageModuleNameMap: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional().describe('Extra distribution -> import name(s) mappings, e.g. {"python-foo": "foo"}'),
      }),
    })
    .strict(),
  rules: [
    { id: 'DEP001', severity: 'error', summary: 'Imported module not provided by any declared dependency', docs: DEPTRY('DEP001') },
    { id: 'DEP002', severity: 'warning', summary: 'Declared dependency never imported', docs: DEPTRY('DEP002') },
    { id: 'DEP003', severity: 'warning', summary: 'Imported module only installed as a transitive dependency', docs: DEPTRY('DEP003') },
    { id: 'DEP004', severity: 'warning', summary: 'Development dependency imported from production code', docs: DEPTRY('DEP004') },
  ],
  run({ manifest, files, options }) {
    const declared = parseManifest(manifest, undefined, 'manifest').dependencies;
    const lock = files.find((f) => /(^|\/)(poetry\.lock|uv\.lock|requirements[^/]*\.txt)$/.test(f.path));
    const installed = new Set(lock ? parseManifest(lock.content, lock.path).dependencies.map((d) => d.name) : []);
    const moduleMap = new Map(Object.entries(MODULE_TO_DISTRIBUTION));
    for (const [dist, mods] of Object.entries(options?.packageModuleNameMap ?? {})) for (const mod of [mods].flat()) moduleMap.set(mod, normalizeName(dist));
    const distFor = (mod: string) => moduleMap.get(mod) ?? normalizeName(mod);
    const byName = new Map<string, Dependency>();
    for (const d of declared) if (!byName.has(d.name) || !d.dev) byName.set(d.name, d);
    const exclude = options?.exclude ?? DEFAULT_EXCLUDE;
    const sources = files.filter((f) => isPythonPath(f.path));
    const ours = firstParty(sources.map((f) => f.path));
    const scanned = sources.filter((f) => !excluded(f.path, exclude));
    const findings: Finding[] = [];
    const usedDists = new Set<string>();
    const reported = new Set<string>();
    for (const f of scanned) {
      const m = parsePython(f.content, f.path);
      for (const imp of moduleImports(m)) {
        const mod = imp.top;
        if (!mod || STDLIB.has(mod) || ours.has(mod) || mod === '__future__') continue;
        const dist = distFor(mod);
        const dep = byName.get(dist) ?? byName.get(normalizeName(mod));
        const location = { path: f.path, line: imp.line, column: m.lines.position(imp.node.from).column };
        const once = (id: string) => {
          const key = `${id}\0${f.path}\0${mod}`;
          if (reported.has(key)) return false;
          reported.add(key);
          return true;
        };
        if (dep) {
          usedDists.add(dep.name);
          if (dep.dev && once('DEP004')) {
            findings.push({ ruleId: 'DEP004', severity: 'warning', message: `'${mod}' imported but declared as a dev dependency (${dep.rawName}, group ${dep.group})`, location, fix: `Move ${dep.rawName} to the main dependencies, or only import it from tests`, docs: DEPTRY('DEP004'), package: dep.name, module: mod });
          }
        } else if (installed.has(dist) || installed.has(normalizeName(mod))) {
          if (once('DEP003')) findings.push({ ruleId: 'DEP003', severity: 'warning', message: `'${mod}' imported but it is a transitive dependency (${dist} is installed but not declared)`, location, fix: `Declare ${dist} in the manifest`, docs: DEPTRY('DEP003'), package: dist, module: mod });
        } else if (once('DEP001')) {
          findings.push({ ruleId: 'DEP001', severity: 'error', message: `'${mod}' imported but missing from the dependency definitions`, location, fix: `Add ${dist} to the dependencies, or map it with options.packageModuleNameMap`, docs: DEPTRY('DEP001'), package: dist, module: mod });
        }
      }
    }
    for (const d of declared) {
      if (d.dev || usedDists.has(d.name)) continue;
      const modules = [...moduleMap.entries()].filter(([, dist]) => dist === d.name).map(([mod]) => mod);
      findings.push({ ruleId: 'DEP002', severity: 'warning', message: `'${d.rawName}' defined as a dependency but not used in the codebase`, location: { path: 'manifest', line: d.source.line }, fix: `Remove ${d.rawName} from the dependencies, or map its import name with options.packageModuleNameMap`, docs: DEPTRY('DEP002'), package: d.name, module: modules[0] ?? d.name.replace(/-/g, '_') });
    }
    return {
      findings,
      metrics: {
        filesScanned: scanned.length,
        declared: declared.length,
        packages: declared.map((d) => ({ name: d.name, group: d.group, dev: !!d.dev, used: usedDists.has(d.name) })),
      },
    };
  },
  render(env) {
    const rows = (env.metrics?.packages ?? []) as { name: string; group: string; used: boolean }[];
    return [table(['package', 'group', 'imported'], rows.map((r) => [r.name, r.group, r.used ? 'yes' : 'no']))];
  },
});
