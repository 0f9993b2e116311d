import { parse as parseToml, TomlError } from 'smol-toml';
import { validRange } from '@renovatebot/pep440';
import { ParseError } from '@mcp/core-response';

export interface Dependency {
  /** PEP 503 normalized. */
  name: string;
  /** As written in the file, before normalization. */
  rawName: string;
  specifier: string;
  extras: string[];
  marker: string | null;
  hashes: string[];
  group: string;
  source: { path: string; line: number };
  /** A URL or path requirement (`name @ url`, `-e .`): pinned by other means. */
  url?: string;
  /** A development-only group (Poetry dev/groups, PEP 735 groups, uv dev-dependencies, Pipfile dev-packages). */
  dev?: boolean;
}

export type ManifestKind = 'requirements' | 'pyproject' | 'poetry-lock' | 'uv-lock' | 'pipfile' | 'setup-cfg';

export interface Manifest {
  kind: ManifestKind;
  requiresPython: string | null;
  dependencies: Dependency[];
  /** Other requirement files a requirements file includes (`-r`, `-c`), resolved paths. */
  includes: { path: string; line: number; constraint: boolean }[];
}

/** PEP 503: lowercase, runs of `-`, `_`, `.` become one `-`. */
export const normalizeName = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-');

const PEP508 = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?\s*(.*)$/;

/** One PEP 508 requirement string; null when it is not one. */
export function parsePep508(text: string): { rawName: string; extras: string[]; specifier: string; marker: string | null; url?: string } | null {
  const m = PEP508.exec(text.trim());
  if (!m) return null;
  const extras = (m[2] ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  let rest = m[3].trim();
  let marker: string | null = null;
  const semi = rest.indexOf(';');
  if (semi >= 0) {
    marker = rest.slice(semi + 1).trim() || null;
    rest = rest.slice(0, semi).trim();
  }
  if (rest.startsWith('@')) return { rawName: m[1], extras, specifier: '', marker, url: rest.slice(1).trim() };
  let specifier = rest.replace(/^\((.*)\)$/, '$1').replace(/\s+/g, '');
  // Comparison clauses are accepted by shape (pep440 rejects some valid ones, e.g. "==1.*"), and
  // checked first: it is the common case, and pep440's parser is the slow part of a long file.
  if (specifier && !specifier.split(',').every((c) => /^(===|==|!=|~=|>=|<=|>|<)\s*[A-Za-z0-9.*+!_-]+$/.test(c)) && !validRange(specifier)) return null;
  specifier = specifier.split(',').filter(Boolean).join(',');
  return { rawName: m[1], extras, specifier, marker };
}

export function detectKind(content: string, path?: string): ManifestKind {
  const base = (path ?? '').split('/').pop()!.toLowerCase();
  if (base === 'pyproject.toml') return 'pyproject';
  if (base === 'poetry.lock') return 'poetry-lock';
  if (base === 'uv.lock') return 'uv-lock';
  if (base === 'pipfile') return 'pipfile';
  if (base === 'setup.cfg') return 'setup-cfg';
  if (/\.(txt|in)$/.test(base)) return 'requirements';
  if (/^\s*\[(project|tool\.poetry|build-system|dependency-groups)\]/m.test(content)) return 'pyproject';
  if (/^\s*\[\[package\]\]/m.test(content)) return /^\s*\[metadata\]/m.test(content) || /poetry/i.test(content.slice(0, 200)) ? 'poetry-lock' : 'uv-lock';
  if (/^\s*\[(packages|dev-packages)\]/m.test(content)) return 'pipfile';
  if (/^\[options(\.extras_require)?\]\s*$/m.test(content)) return 'setup-cfg';
  return 'requirements';
}

export function parseManifest(content: string, path?: string, source = path): Manifest {
  const kind = detectKind(content, path);
  if (kind === 'requirements') return parseRequirements(content, path ?? '', source);
  if (kind === 'setup-cfg') return parseSetupCfg(content, path ?? '', source);
  const data = toml(content, source);
  const lines = content.split('\n');
  // Entries come in file order: searching on from the previous hit keeps this linear.
  let cursor = 0;
  const lineOf = (needle: RegExp, fallback = 1) => {
    for (let pass = 0; pass < 2; pass++) {
      for (let i = pass === 0 ? cursor : 0; i < (pass === 0 ? lines.length : cursor); i++) {
        if (needle.test(lines[i])) {
          cursor = i;
          return i + 1;
        }
      }
    }
    return fallback;
  };
  const p = path ?? '';
  const deps: Dependency[] = [];
  let requiresPython: string | null = null;
  const fromPep508 = (req: string, group: string, dev = false) => {
    const parsed = parsePep508(req);
    const line = lineOf(new RegExp(`["']${escape(req.trim().slice(0, 40))}`));
    if (!parsed) throw new ParseError(`invalid requirement '${req}'`, line, 1, source);
    deps.push({ name: normalizeName(parsed.rawName), rawName: parsed.rawName, specifier: parsed.specifier, extras: parsed.extras, marker: parsed.marker, hashes: [], group, source: { path: p, line }, url: parsed.url, dev });
  };
  if (kind === 'pyproject') {
    const project = obj(data.project);
    if (typeof project.requires_python === 'string') requiresPython = project.requires_python;
    if (typeof project['requires-python'] === 'string') requiresPython = project['requires-python'] as string;
    for (const r of arr(project.dependencies)) if (typeof r === 'string') fromPep508(r, 'main');
    for (const [extra, reqs] of Object.entries(obj(project['optional-dependencies']))) for (const r of arr(reqs)) if (typeof r === 'string') fromPep508(r, extra);
    for (const [group, reqs] of Object.entries(obj(data['dependency-groups']))) for (const r of arr(reqs)) if (typeof r === 'string') fromPep508(r, group, true);
    const tool = obj(data.tool);
    for (const r of arr(obj(tool.uv)['dev-dependencies'])) if (typeof r === 'string') fromPep508(r, 'dev', true);
    const poetry = obj(tool.poetry);
    const poetryTable = (table: unknown, group: string) => {
      for (const [name, spec] of Object.entries(obj(table))) {
        if (name.toLowerCase() === 'python') {
          const c = typeof spec === 'string' ? spec : (obj(spec).version as string | undefined);
          if (c) requiresPython = poetryToPep440(c);
          continue;
        }
        const line = lineOf(new RegExp(`^\\s*["']?${escape(name)}["']?\\s*=`));
        const specs = Array.isArray(spec) ? spec : [spec];
        for (const s of specs) {
          const o = typeof s === 'string' ? { version: s } : obj(s);
          const version = typeof o.version === 'string' ? poetryToPep440(o.version) : '';
          const url = (o.git ?? o.path ?? o.url) as string | undefined;
          deps.push({ name: normalizeName(name), rawName: name, specifier: version, extras: arr(o.extras).map(String), marker: typeof o.markers === 'string' ? o.markers : null, hashes: [], group, source: { path: p, line }, url, dev: group !== 'main' });
        }
      }
    };
    poetryTable(poetry.dependencies, 'main');
    poetryTable(poetry['dev-dependencies'], 'dev');
    for (const [group, g] of Object.entries(obj(poetry.group))) poetryTable(obj(g).dependencies, group);
  } else if (kind === 'pipfile') {
    const pipTable = (table: unknown, group: string) => {
      for (const [name, spec] of Object.entries(obj(table))) {
        const o = typeof spec === 'string' ? { version: spec } : obj(spec);
        const v = typeof o.version === 'string' && o.version !== '*' ? o.version.replace(/\s+/g, '') : '';
        const line = lineOf(new RegExp(`^\\s*["']?${escape(name)}["']?\\s*=`));
        deps.push({ name: normalizeName(name), rawName: name, specifier: v, extras: arr(o.extras).map(String), marker: typeof o.markers === 'string' ? o.markers : null, hashes: [], group, source: { path: p, line }, url: (o.git ?? o.path ?? o.file) as string | undefined, dev: group === 'dev' });
      }
    };
    pipTable(data.packages, 'main');
    pipTable(data['dev-packages'], 'dev');
    const requires = obj(data.requires);
    if (typeof requires.python_version === 'string') requiresPython = `>=${requires.python_version}`;
  } else {
    // poetry.lock / uv.lock: one [[package]] per installed distribution.
    const packageLines: number[] = [];
    lines.forEach((l, i) => /^\s*\[\[package\]\]/.test(l) && packageLines.push(i + 1));
    arr(data.package).forEach((pkg, i) => {
      const o = obj(pkg);
      if (typeof o.name !== 'string') return;
      const src = obj(o.source);
      // uv lists the project itself as a virtual/editable package: not a dependency.
      if (kind === 'uv-lock' && (src.virtual !== undefined || src.editable !== undefined)) return;
      const group = typeof o.category === 'string' ? o.category : 'main';
      deps.push({ name: normalizeName(o.name), rawName: o.name, specifier: typeof o.version === 'string' ? `==${o.version}` : '', extras: [], marker: null, hashes: [], group, source: { path: p, line: packageLines[i] ?? 1 } });
    });
    const meta = obj(data.metadata);
    if (typeof meta['python-versions'] === 'string') requiresPython = poetryToPep440(meta['python-versions'] as string);
    if (typeof data['requires-python'] === 'string') requiresPython = data['requires-python'] as string;
  }
  return { kind, requiresPython, dependencies: deps, includes: [] };
}

function toml(content: string, source?: string): Record<string, unknown> {
  try {
    return parseToml(content) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof TomlError) throw new ParseError(e.message.split('\n')[0], e.line, e.column, source);
    throw e;
  }
}

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Poetry constraints in PEP 440 (Poetry's caret and tilde rules; the bound keeps the written precision). */
export function poetryToPep440(constraint: string): string {
  return constraint
    .split('||')[0]
    .split(',')
    .flatMap((part) => part.trim().split(/\s+(?=[<>=!~^])/))
    .map((c) => c.trim())
    .filter(Boolean)
    .map((c) => {
      if (c === '*' || c === '') return '';
      const caret = /^\^\s*(.+)$/.exec(c);
      if (caret) {
        const parts = caret[1].split('.');
        const nums = parts.map((x) => parseInt(x, 10) || 0);
        let idx = nums.findIndex((n) => n !== 0);
        if (idx < 0) idx = parts.length - 1;
        const upper = nums.map((n, i) => (i < idx ? n : i === idx ? n + 1 : 0)).slice(0, parts.length);
        return `>=${caret[1]},<${upper.join('.')}`;
      }
      const tilde = /^~(?!=)\s*(.+)$/.exec(c);
      if (tilde) {
        const parts = tilde[1].split('.').map((x) => parseInt(x, 10) || 0);
        const bump = parts.length === 1 ? 0 : 1;
        const upper = parts.map((n, i) => (i < bump ? n : i === bump ? n + 1 : 0));
        return `>=${tilde[1]},<${upper.join('.')}`;
      }
      if (/^\d/.test(c)) return c.includes('*') ? `==${c}` : `==${c}`;
      return c.replace(/\s+/g, '');
    })
    .filter(Boolean)
    .join(',');
}

/** requirements.txt (pip's format): continuations, comments, options, hashes, markers, URLs. */
export function parseRequirements(content: string, path: string, source: string | undefined = path || undefined): Manifest {
  const deps: Dependency[] = [];
  const includes: Manifest['includes'] = [];
  const physical = content.split(/\r?\n/);
  for (let i = 0; i < physical.length; i++) {
    const lineNo = i + 1;
    let line = physical[i];
    while (/\\$/.test(line) && i + 1 < physical.length) line = line.slice(0, -1) + ' ' + physical[++i];
    line = line.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    const hashes = [...line.matchAll(/--hash[=\s]+(\S+)/g)].map((h) => h[1]);
    line = line.replace(/--hash[=\s]+\S+/g, '').trim();
    const opt = /^(-r|--requirement|-c|--constraint)[=\s]+(\S+)/.exec(line);
    if (opt) {
      includes.push({ path: resolvePath(path, opt[2]), line: lineNo, constraint: opt[1].startsWith('-c') || opt[1] === '--constraint' });
      continue;
    }
    const editable = /^(-e|--editable)[=\s]+(\S+)/.exec(line);
    if (editable) {
      const egg = /#egg=([\w.-]+)/.exec(physical[i]);
      if (egg) deps.push({ name: normalizeName(egg[1]), rawName: egg[1], specifier: '', extras: [], marker: null, hashes, group: 'main', source: { path, line: lineNo }, url: editable[2] });
      continue;
    }
    if (/^-/.test(line)) continue; // --index-url, --extra-index-url, -f, --pre, ...
    if (/^(https?|file|git\+\w+):\/\//.test(line) || /^[./]/.test(line)) {
      const egg = /#egg=([\w.-]+)/.exec(physical[i]);
      if (egg) deps.push({ name: normalizeName(egg[1]), rawName: egg[1], specifier: '', extras: [], marker: null, hashes, group: 'main', source: { path, line: lineNo }, url: line });
      continue;
    }
    const parsed = parsePep508(line);
    if (!parsed) throw new ParseError(`invalid requirement: '${line}'`, lineNo, 1, source);
    deps.push({ name: normalizeName(parsed.rawName), rawName: parsed.rawName, specifier: parsed.specifier, extras: parsed.extras, marker: parsed.marker, hashes, group: 'main', source: { path, line: lineNo }, url: parsed.url });
  }
  return { kind: 'requirements', requiresPython: null, dependencies: deps, includes };
}

function resolvePath(from: string, rel: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const seg of rel.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

/** setup.cfg (setuptools' declarative config): install_requires, extras_require, python_requires. */
export function parseSetupCfg(content: string, path: string, source: string | undefined = path || undefined): Manifest {
  const deps: Dependency[] = [];
  let requiresPython: string | null = null;
  let section = '';
  let key = '';
  const lines = content.split(/\r?\n/);
  const add = (req: string, group: string, line: number) => {
    const text = req.replace(/(^|\s)[#;].*$/, '').trim();
    if (!text) return;
    const parsed = parsePep508(text);
    if (!parsed) throw new ParseError(`invalid requirement: '${text}'`, line, 1, source);
    deps.push({ name: normalizeName(parsed.rawName), rawName: parsed.rawName, specifier: parsed.specifier, extras: parsed.extras, marker: parsed.marker, hashes: [], group, source: { path, line }, url: parsed.url });
  };
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (/^\s*([#;].*)?$/.test(raw)) return;
    const header = /^\[([^\]]+)\]\s*$/.exec(raw);
    if (header) {
      section = header[1].trim();
      key = '';
      return;
    }
    const kv = /^([A-Za-z0-9_.-][^=:]*?)\s*[=:]\s*(.*)$/.exec(raw);
    if (kv && !/^\s/.test(raw)) {
      key = kv[1].trim();
      const value = kv[2];
      if (section === 'options' && key === 'python_requires') requiresPython = value.trim();
      if (section === 'options' && key === 'install_requires') add(value, 'main', line);
      if (section === 'options.extras_require') add(value, key, line);
      return;
    }
    if (!/^\s/.test(raw)) throw new ParseError(`expected 'key = value' or an indented continuation`, line, 1, source);
    if (section === 'options' && key === 'install_requires') add(raw, 'main', line);
    else if (section === 'options.extras_require' && key) add(raw, key, line);
  });
  return { kind: 'setup-cfg', requiresPython, dependencies: deps, includes: [] };
}
