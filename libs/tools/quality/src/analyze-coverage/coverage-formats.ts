import { InputError, ParseError } from '@mcp/core-response';

/** One file's coverage in a format-neutral shape. */
export interface FileCoverage {
  path: string;
  /** line -> hit count, for every instrumented line. */
  lines: Map<number, number>;
  functions: Array<{ name: string; line: number; endLine?: number; hits: number }>;
  branches: { covered: number; total: number };
  statements: { covered: number; total: number };
  /** Set when the report only has totals (coverage-summary.json). */
  summaryOnly?: { lines: Measure; functions: Measure; branches: Measure; statements: Measure };
}
export interface Measure {
  covered: number;
  total: number;
}

export type CoverageFormat = 'lcov' | 'istanbul' | 'istanbul-summary' | 'cobertura';

export function detectFormat(text: string): CoverageFormat {
  const t = text.trimStart();
  if (t.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(t);
    } catch (error) {
      throw jsonError(t, error);
    }
    const values = Object.values(json as Record<string, unknown>);
    const first = values[0] as Record<string, unknown> | undefined;
    if ((json as Record<string, unknown>).total && first && 'lines' in first) return 'istanbul-summary';
    return 'istanbul';
  }
  if (t.startsWith('<')) return 'cobertura';
  if (/^(TN:|SF:)/m.test(t)) return 'lcov';
  throw new InputError('Unrecognized coverage report: expected lcov (SF:/DA: records), Istanbul JSON or Cobertura XML.');
}

function jsonError(text: string, error: unknown): ParseError {
  const m = /position (\d+)/.exec(String((error as Error).message));
  const offset = m ? Number(m[1]) : 0;
  const before = text.slice(0, offset).split('\n');
  return new ParseError(String((error as Error).message), before.length, before[before.length - 1].length + 1);
}

export function parseLcov(text: string): FileCoverage[] {
  const files: FileCoverage[] = [];
  let cur: FileCoverage | undefined;
  const fnHits = new Map<string, number>();
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const colon = line.indexOf(':');
    const tag = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1);
    const bad = () => new ParseError(`malformed ${tag} record: ${JSON.stringify(line)}`, i + 1, 1);
    switch (tag) {
      case 'SF':
        cur = { path: value, lines: new Map(), functions: [], branches: { covered: 0, total: 0 }, statements: { covered: 0, total: 0 } };
        fnHits.clear();
        files.push(cur);
        return;
      case 'end_of_record':
        if (cur) for (const fn of cur.functions) fn.hits = fnHits.get(fn.name) ?? fn.hits;
        cur = undefined;
        return;
      case 'TN':
      case 'VER':
      case 'LF':
      case 'LH':
      case 'FNF':
      case 'FNH':
      case 'BRF':
      case 'BRH':
        return;
    }
    if (!cur) throw new ParseError(`${tag} record outside an SF: ... end_of_record section`, i + 1, 1);
    const parts = value.split(',');
    switch (tag) {
      case 'DA': {
        const [ln, hits] = parts.map(Number);
        if (!Number.isFinite(ln) || !Number.isFinite(hits)) throw bad();
        cur.lines.set(ln, Math.max(cur.lines.get(ln) ?? 0, hits));
        return;
      }
      case 'FN': {
        // lcov 1.x: FN:<line>,<name>; lcov 2.x: FN:<line>,<end line>,<name>
        const start = Number(parts[0]);
        if (!Number.isFinite(start)) throw bad();
        const hasEnd = parts.length >= 3 && /^\d+$/.test(parts[1]);
        cur.functions.push({ name: parts.slice(hasEnd ? 2 : 1).join(','), line: start, endLine: hasEnd ? Number(parts[1]) : undefined, hits: 0 });
        return;
      }
      case 'FNDA': {
        const hits = Number(parts[0]);
        if (!Number.isFinite(hits)) throw bad();
        const name = parts.slice(1).join(',');
        fnHits.set(name, (fnHits.get(name) ?? 0) + hits);
        return;
      }
      case 'BRDA': {
        if (parts.length < 4) throw bad();
        cur.branches.total++;
        if (parts[3] !== '-' && Number(parts[3]) > 0) cur.branches.covered++;
        return;
      }
      default:
        return; // unknown records (FNL/FNA of lcov 2.2) carry nothing we report
    }
  });
  for (const f of files) {
    f.statements = { covered: [...f.lines.values()].filter((h) => h > 0).length, total: f.lines.size };
  }
  return files;
}

interface IstanbulLoc {
  start: { line: number; column?: number };
  end: { line: number; column?: number };
}
interface IstanbulFile {
  path?: string;
  statementMap: Record<string, IstanbulLoc>;
  fnMap: Record<string, { name: string; decl?: IstanbulLoc; loc: IstanbulLoc; line?: number }>;
  branchMap: Record<string, unknown>;
  s: Record<string, number>;
  f: Record<string, number>;
  b: Record<string, number[]>;
}

export function parseIstanbul(text: string): FileCoverage[] {
  const json = JSON.parse(text) as Record<string, IstanbulFile>;
  return Object.entries(json).map(([key, data]) => {
    if (!data || typeof data !== 'object' || !data.statementMap || !data.s) {
      throw new InputError(`Istanbul entry ${JSON.stringify(key)} has no statementMap/s: not a coverage-final.json file.`);
    }
    // istanbul's getLineCoverage: a line's count is the highest count of the statements starting on it.
    const lines = new Map<number, number>();
    for (const [id, loc] of Object.entries(data.statementMap)) {
      const count = data.s[id] ?? 0;
      const ln = loc.start.line;
      const prev = lines.get(ln);
      if (prev === undefined || prev < count) lines.set(ln, count);
    }
    const statements = Object.values(data.s);
    const branchCounts = Object.values(data.b ?? {}).flat();
    return {
      path: data.path ?? key,
      lines,
      functions: Object.entries(data.fnMap ?? {}).map(([id, fn]) => ({
        name: fn.name,
        line: (fn.decl ?? fn.loc).start.line,
        endLine: fn.loc.end.line,
        hits: data.f?.[id] ?? 0,
      })),
      branches: { covered: branchCounts.filter((c) => c > 0).length, total: branchCounts.length },
      statements: { covered: statements.filter((c) => c > 0).length, total: statements.length },
    };
  });
}

export function parseIstanbulSummary(text: string): FileCoverage[] {
  const json = JSON.parse(text) as Record<string, Record<string, Measure>>;
  const m = (x: Measure | undefined): Measure => ({ covered: x?.covered ?? 0, total: x?.total ?? 0 });
  return Object.entries(json)
    .filter(([key]) => key !== 'total')
    .map(([path, s]) => ({
      path,
      lines: new Map(),
      functions: [],
      branches: m(s.branches),
      statements: m(s.statements),
      summaryOnly: { lines: m(s.lines), functions: m(s.functions), branches: m(s.branches), statements: m(s.statements) },
    }));
}

const attr = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Cobertura XML as coverage.py, istanbul's cobertura reporter and JaCoCo converters write it. */
export function parseCobertura(text: string): FileCoverage[] {
  if (!/<coverage[\s>]/.test(text)) throw new InputError('Not a Cobertura report: no <coverage> element.');
  const files = new Map<string, FileCoverage>();
  const lineOffsets: number[] = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineOffsets.push(i + 1);
  for (const m of text.matchAll(/<class\s[^>]*>/g)) {
    const tag = m[0];
    const filename = attr(tag, 'filename');
    if (filename === undefined) {
      const line = lineOffsets.filter((o) => o <= (m.index ?? 0)).length;
      throw new ParseError('<class> element without a filename attribute', line, 1);
    }
    const end = text.indexOf('</class>', m.index);
    const body = tag.endsWith('/>') ? '' : text.slice((m.index ?? 0) + tag.length, end === -1 ? undefined : end);
    const path = unescapeXml(filename);
    const file: FileCoverage = files.get(path) ?? { path, lines: new Map(), functions: [], branches: { covered: 0, total: 0 }, statements: { covered: 0, total: 0 } };
    files.set(path, file);
    // Methods carry their own <lines>; the class-level <lines> repeats them, so read methods separately.
    const methodsEnd = body.lastIndexOf('</methods>');
    const methods = methodsEnd === -1 ? '' : body.slice(0, methodsEnd);
    const classLines = methodsEnd === -1 ? body : body.slice(methodsEnd);
    for (const mm of methods.matchAll(/<method\s[^>]*>([\s\S]*?)<\/method>/g)) {
      const nums = [...mm[1].matchAll(/<line\s[^>]*>/g)].map((l) => ({ n: Number(attr(l[0], 'number')), h: Number(attr(l[0], 'hits')) }));
      if (nums.length === 0) continue;
      file.functions.push({
        name: unescapeXml(attr(mm[0], 'name') ?? '<method>'),
        line: Math.min(...nums.map((x) => x.n)),
        endLine: Math.max(...nums.map((x) => x.n)),
        // istanbul writes the call count on <method hits>; others only on its lines.
        hits: attr(mm[0], 'hits') !== undefined ? Number(attr(mm[0], 'hits')) : nums.some((x) => x.h > 0) ? 1 : 0,
      });
    }
    for (const l of classLines.matchAll(/<line\s[^>]*>/g)) {
      const n = Number(attr(l[0], 'number'));
      const h = Number(attr(l[0], 'hits'));
      if (!Number.isFinite(n)) continue;
      file.lines.set(n, Math.max(file.lines.get(n) ?? 0, Number.isFinite(h) ? h : 0));
      const cond = attr(l[0], 'condition-coverage');
      const cm = cond ? /\((\d+)\/(\d+)\)/.exec(cond) : null;
      if (attr(l[0], 'branch') === 'true' && cm) {
        file.branches.covered += Number(cm[1]);
        file.branches.total += Number(cm[2]);
      }
    }
  }
  for (const f of files.values()) f.statements = { covered: [...f.lines.values()].filter((h) => h > 0).length, total: f.lines.size };
  return [...files.values()];
}
