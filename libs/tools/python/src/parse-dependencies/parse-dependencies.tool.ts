import { z } from 'zod';
import { satisfies } from '@renovatebot/pep440';
import { analyzerOptions, defineTool, filesArg } from '@mcp/core-protocol';
import { InputError, table, type Finding } from '@mcp/core-response';
import { parseManifest, type Dependency, type Manifest } from '../shared/requirements';

/** Loads a manifest and, for requirements files given as `files`, what it includes with -r/-c. */
export function loadManifests(input: { content?: string; files?: { path: string; content: string }[] }): Manifest[] {
  if (input.content !== undefined) return [parseManifest(input.content)];
  const files = input.files ?? [];
  const byPath = new Map(files.map((f) => [f.path, f]));
  const included = new Set<string>();
  const parsed = new Map<string, Manifest>();
  for (const f of files) {
    const m = parseManifest(f.content, f.path);
    parsed.set(f.path, m);
    for (const inc of m.includes) {
      if (!byPath.has(inc.path)) throw new InputError(`${f.path}: line ${inc.line}: included file ${inc.path} is not among files`);
      included.add(inc.path);
    }
  }
  return [...parsed.values()];
}

/** Two specifiers conflict when no candidate version (their bounds and the versions just past them) satisfies both. */
export function conflicting(a: string, b: string): boolean {
  if (!a || !b || a.includes('*') || b.includes('*')) return false;
  const versions = [...`${a},${b}`.matchAll(/[\d][\w.!+-]*/g)].map((m) => m[0]);
  const candidates = versions.flatMap((v) => [v, `${v}.1`, `${v}.0.1`, `${v}.post1`]);
  try {
    return !candidates.some((v) => satisfies(v, a) && satisfies(v, b));
  } catch {
    return false;
  }
}

const PIP_DOCS = 'https://pip.pypa.io/en/stable/reference/requirements-file-format/';

export function dependencyFindings(deps: Dependency[], withPath: boolean): Finding[] {
  const findings: Finding[] = [];
  const where = (d: Dependency) => (withPath && d.source.path ? { path: d.source.path, line: d.source.line } : { line: d.source.line });
  const groups = new Map<string, Dependency[]>();
  for (const d of deps) {
    if (!d.specifier && !d.url) {
      findings.push({ ruleId: 'unpinned-dependency', severity: 'warning', message: `${d.rawName} has no version constraint (group ${d.group})`, location: where(d), fix: `Constrain ${d.rawName}, e.g. ${d.rawName}>=X.Y,<X+1 in a manifest or ==X.Y.Z in a lock/requirements file`, docs: PIP_DOCS, package: d.name });
    }
    const key = `${d.group}\0${d.name}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    const markers = new Set(list.map((d) => d.marker ?? ''));
    // One name per environment marker is how platform-specific pins are written, not a duplicate.
    if (markers.size === list.length && markers.size > 1) continue;
    for (const d of list.slice(1)) {
      findings.push({ ruleId: 'duplicate-dependency', severity: 'warning', message: `${d.name} is listed more than once in group ${d.group} (first on line ${list[0].source.line})`, location: where(d), fix: `Keep one entry for ${d.name}`, docs: PIP_DOCS, package: d.name });
    }
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        if ((list[i].marker ?? '') !== (list[j].marker ?? '')) continue;
        if (conflicting(list[i].specifier, list[j].specifier)) {
          findings.push({ ruleId: 'conflicting-specifiers', severity: 'error', message: `${list[j].name}: '${list[i].specifier}' (line ${list[i].source.line}) and '${list[j].specifier}' cannot both be satisfied`, location: where(list[j]), fix: `Make the constraints on ${list[j].name} overlap, or drop one`, docs: 'https://peps.python.org/pep-0440/#version-specifiers', package: list[j].name });
        }
      }
  }
  return findings;
}

export const parseDependencies = defineTool({
  name: 'python_parse_dependencies',
  title: 'Python dependency manifest parser (pip, uv)',
  description:
    'Parses requirements.txt (with -r/-c includes, extras, markers, hashes), pyproject.toml (PEP 621, PEP 735 groups, Poetry), setup.cfg, Pipfile, poetry.lock or uv.lock into a normalized dependency list (PEP 503 names, PEP 440 specifiers) and reports unpinned, duplicate and conflicting specifiers.',
  input: z
    .object({
      content: z.string().optional().describe('One manifest or lockfile as text; its kind is detected from the content'),
      files: filesArg('Several manifests (e.g. requirements.txt and the files it includes with -r/-c), with paths').optional(),
      options: analyzerOptions({}),
    })
    .strict()
    .refine((a) => (a.content === undefined) !== (a.files === undefined), { message: 'Give exactly one of content or files', path: ['content'] }),
  rules: [
    { id: 'unpinned-dependency', severity: 'warning', summary: 'A dependency with no version constraint', docs: PIP_DOCS },
    { id: 'duplicate-dependency', severity: 'warning', summary: 'One normalized name listed twice in a group', docs: PIP_DOCS },
    { id: 'conflicting-specifiers', severity: 'error', summary: 'Two specifiers of one name that no version satisfies together', docs: 'https://peps.python.org/pep-0440/#version-specifiers' },
  ],
  run(args) {
    const manifests = loadManifests(args);
    const deps = manifests.flatMap((m) => m.dependencies);
    const findings = dependencyFindings(deps, args.files !== undefined);
    return {
      findings,
      metrics: { dependencyCount: deps.length, groups: [...new Set(deps.map((d) => d.group))].sort(), kinds: manifests.map((m) => m.kind) },
      artifacts: {
        requiresPython: manifests.find((m) => m.requiresPython)?.requiresPython ?? null,
        dependencies: deps.map((d) => ({ name: d.name, specifier: d.specifier, extras: d.extras, marker: d.marker, hashes: d.hashes, group: d.group, source: d.source.path ? d.source : { line: d.source.line } })),
      },
    };
  },
  render(env) {
    const deps = (env.artifacts?.dependencies ?? []) as { name: string; specifier: string; group: string; marker: string | null }[];
    return [table(['package', 'specifier', 'group', 'marker'], deps.map((d) => [d.name, d.specifier || '(any)', d.group, d.marker ?? '']))];
  },
});
