import { LineIndex, ParseError } from '@mcp/core-response';

/** One plan node, from either EXPLAIN format, with the numbers the rules need. */
export interface PlanNode {
  id: number;
  parentId: number | null;
  depth: number;
  nodeType: string;
  label: string;
  relationName: string | null;
  alias: string | null;
  indexName: string | null;
  planRows: number | null;
  actualRows: number | null;
  loops: number | null;
  actualTotalMs: number | null;
  exclusiveMs: number | null;
  estimateFactor: number | null;
  estimateDirection: 'under' | 'over' | null;
  sharedHit: number | null;
  sharedRead: number | null;
  // details used by rules, not part of the metrics row
  line: number;
  filter: boolean;
  rowsRemovedByFilter: number;
  sortMethod?: string;
  sortSpaceType?: string;
  hashBatches?: number;
  originalHashBatches?: number;
  diskUsageKb?: number;
  strategy?: string;
  children: PlanNode[];
}

export interface Plan {
  nodes: PlanNode[];
  root: PlanNode;
  planningMs: number | null;
  executionMs: number | null;
  analyzed: boolean;
  format: 'text' | 'json';
}

/** psql decorations: the "QUERY PLAN" header, dashes, "(n rows)" footer, `+` continuations. */
function undecorate(text: string): string {
  return text
    .split('\n')
    .map((l) => {
      if (/^\s*QUERY PLAN\s*$/.test(l) || /^-{5,}\+?-*\s*$/.test(l) || /^\(\d+ rows?\)\s*$/.test(l)) return '';
      return l.replace(/\s*\+\s*$/, '').replace(/\r$/, '');
    })
    .join('\n');
}

export function parsePlan(input: string): Plan {
  const text = undecorate(input);
  const trimmed = text.trimStart();
  return trimmed.startsWith('[') || trimmed.startsWith('{') ? parseJsonPlan(text) : parseTextPlan(text);
}

function newNode(id: number, nodeType: string, label: string, line: number): PlanNode {
  return {
    id, parentId: null, depth: 0, nodeType, label, relationName: null, alias: null, indexName: null, planRows: null, actualRows: null, loops: null,
    actualTotalMs: null, exclusiveMs: null, estimateFactor: null, estimateDirection: null, sharedHit: null, sharedRead: null, line, filter: false,
    rowsRemovedByFilter: 0, children: [],
  };
}

// ---------- JSON ----------

const JOIN_LABEL: Record<string, string> = { 'Nested Loop': 'Nested Loop', 'Hash Join': 'Hash', 'Merge Join': 'Merge' };
const AGG_LABEL: Record<string, string> = { Plain: 'Aggregate', Sorted: 'GroupAggregate', Hashed: 'HashAggregate', Mixed: 'MixedAggregate' };

function parseJsonPlan(text: string): Plan {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    const [offset, why] = jsonErrorAt(text);
    const pos = new LineIndex(text).position(offset);
    throw new ParseError(`invalid EXPLAIN JSON: ${why}`, pos.line, pos.column);
  }
  const top = (Array.isArray(doc) ? doc[0] : doc) as Record<string, unknown> | undefined;
  const planObj = top?.Plan as Record<string, unknown> | undefined;
  if (!planObj || typeof planObj !== 'object') throw new ParseError('not an EXPLAIN (FORMAT JSON) document: no "Plan" object', 1, 1);
  // Node Type keys in document order give each node's line
  const lines: number[] = [];
  const idx = new LineIndex(text);
  for (let k = text.indexOf('"Node Type"'); k !== -1; k = text.indexOf('"Node Type"', k + 1)) lines.push(idx.position(k).line);
  const nodes: PlanNode[] = [];
  const visit = (o: Record<string, unknown>, parent: PlanNode | null, depth: number): PlanNode => {
    const nodeType = String(o['Node Type'] ?? 'Unknown');
    const n = newNode(nodes.length + 1, nodeType, jsonLabel(o), lines[nodes.length] ?? 1);
    nodes.push(n);
    n.parentId = parent?.id ?? null;
    n.depth = depth;
    n.relationName = str(o['Relation Name']) ?? str(o['CTE Name']) ?? str(o['Function Name']) ?? null;
    n.alias = str(o.Alias) ?? null;
    n.indexName = str(o['Index Name']) ?? null;
    n.planRows = num(o['Plan Rows']);
    n.actualRows = num(o['Actual Rows']);
    n.loops = num(o['Actual Loops']);
    n.actualTotalMs = num(o['Actual Total Time']);
    n.sharedHit = num(o['Shared Hit Blocks']);
    n.sharedRead = num(o['Shared Read Blocks']);
    n.filter = o.Filter !== undefined;
    n.rowsRemovedByFilter = num(o['Rows Removed by Filter']) ?? 0;
    n.sortMethod = str(o['Sort Method']);
    n.sortSpaceType = str(o['Sort Space Type']);
    n.hashBatches = num(o['Hash Batches']) ?? num(o['HashAgg Batches']) ?? undefined;
    n.originalHashBatches = num(o['Original Hash Batches']) ?? undefined;
    n.diskUsageKb = num(o['Disk Usage']) ?? undefined;
    n.strategy = str(o.Strategy);
    for (const c of (o.Plans as Record<string, unknown>[] | undefined) ?? []) n.children.push(visit(c, n, depth + 1));
    return n;
  };
  const root = visit(planObj, null, 0);
  const analyzed = root.actualTotalMs !== null || root.loops !== null;
  return { nodes, root, planningMs: num(top!['Planning Time']), executionMs: num(top!['Execution Time']), analyzed, format: 'json' };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
function num(v: unknown): number | null {
  return typeof v === 'number' ? v : null;
}

/** The heading PostgreSQL's text format prints for a node (explain.c, ExplainNode). */
function jsonLabel(o: Record<string, unknown>): string {
  const type = String(o['Node Type'] ?? '');
  let name = type;
  if (type in JOIN_LABEL) {
    const jt = str(o['Join Type']) ?? 'Inner';
    if (jt !== 'Inner') name = `${JOIN_LABEL[type]} ${jt} Join`;
  } else if (type === 'Aggregate') {
    name = AGG_LABEL[str(o.Strategy) ?? 'Plain'] ?? 'Aggregate';
    const mode = str(o['Partial Mode']);
    if (mode && mode !== 'Simple') name = `${mode} ${name}`;
  } else if (type === 'SetOp') {
    name = str(o.Strategy) === 'Hashed' ? 'HashSetOp' : 'SetOp';
    if (o.Command) name += ` ${String(o.Command)}`;
  } else if (type === 'ModifyTable') {
    name = str(o.Operation) ?? type;
  }
  if (o['Parallel Aware'] === true) name = `Parallel ${name}`;
  if (o['Async Capable'] === true) name = `Async ${name}`;
  if (type === 'Index Scan' || type === 'Index Only Scan') {
    if (o['Scan Direction'] === 'Backward') name += ' Backward';
    if (o['Index Name']) name += ` using ${String(o['Index Name'])}`;
  }
  if (type === 'Bitmap Index Scan' && o['Index Name']) return `${name} on ${String(o['Index Name'])}`;
  const rel = str(o['Relation Name']) ?? str(o['CTE Name']) ?? str(o['Function Name']);
  const alias = str(o.Alias);
  if (rel) name += ` on ${rel}${alias && alias !== rel ? ` ${alias}` : ''}`;
  else if (alias && (type === 'Subquery Scan' || type === 'Values Scan' || type === 'WorkTable Scan')) name += ` on ${alias}`;
  return name;
}

// ---------- text ----------

const HEADING = /^(\s*)(->\s+)?(.+?)\s+\(cost=([\d.]+)\.\.([\d.]+) rows=(\d+) width=(\d+)\)(?:\s+\((?:actual (?:time=([\d.]+)\.\.([\d.]+) )?rows=([\d.]+) loops=(\d+)|(never executed))\))?\s*$/;
const HEADING_NO_COST = /^(\s*)(->\s+)?(.+?)\s+\((?:actual (?:time=([\d.]+)\.\.([\d.]+) )?rows=([\d.]+) loops=(\d+)|(never executed))\)\s*$/;

function parseHeading(line: string) {
  let m = HEADING.exec(line);
  if (m) {
    const never = m[12] !== undefined;
    return { arrow: !!m[2], label: m[3], planRows: Number(m[6]), totalMs: m[9] !== undefined ? Number(m[9]) : never ? 0 : null, rows: m[10] !== undefined ? Number(m[10]) : never ? 0 : null, loops: m[11] !== undefined ? Number(m[11]) : never ? 0 : null };
  }
  m = HEADING_NO_COST.exec(line);
  if (m) {
    const never = m[8] !== undefined;
    return { arrow: !!m[2], label: m[3], planRows: null, totalMs: m[5] !== undefined ? Number(m[5]) : never ? 0 : null, rows: never ? 0 : Number(m[6]), loops: never ? 0 : Number(m[7]) };
  }
  return undefined;
}

/** Maps a text heading back onto JSON's Node Type, relation, alias and index. */
function fromLabel(n: PlanNode): void {
  let l = n.label.replace(/^(Async |Parallel )+/, '').replace(/^(Partial|Finalize) /, '');
  const on = / on (\S+)(?: (\S+))?$/.exec(l);
  const using = / using (\S+)/.exec(l);
  if (using) n.indexName = using[1];
  if (on) {
    l = l.slice(0, on.index);
    if (/^Bitmap Index Scan$/.test(l)) n.indexName = on[1];
    else {
      n.relationName = on[1].replace(/^.*\./, '');
      n.alias = on[2] ?? on[1];
    }
  }
  l = l.replace(/ using \S+$/, '').replace(/ Backward$/, '');
  if (/^(Hash|Merge) .*Join$/.test(l)) n.nodeType = `${l.split(' ')[0]} Join`;
  else if (/^Nested Loop/.test(l)) n.nodeType = 'Nested Loop';
  else if (/^(Hash|Group|Mixed)?Aggregate$/.test(l)) {
    n.nodeType = 'Aggregate';
    n.strategy = l.startsWith('Hash') ? 'Hashed' : l.startsWith('Group') ? 'Sorted' : l.startsWith('Mixed') ? 'Mixed' : 'Plain';
  } else if (/^(Hash)?SetOp/.test(l)) n.nodeType = 'SetOp';
  else if (/^(Insert|Update|Delete|Merge)$/.test(l)) n.nodeType = 'ModifyTable';
  else n.nodeType = l;
}

function parseTextPlan(text: string): Plan {
  const lines = text.split('\n');
  const nodes: PlanNode[] = [];
  const stack: { indent: number; node: PlanNode }[] = [];
  let planningMs: number | null = null;
  let executionMs: number | null = null;
  let current: PlanNode | undefined;
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    if (!line.trim()) continue;
    const h = parseHeading(line);
    if (h && (h.arrow || nodes.length === 0)) {
      const n = newNode(nodes.length + 1, '', h.label.trim(), k + 1);
      fromLabel(n);
      n.planRows = h.planRows;
      n.actualRows = h.rows;
      n.loops = h.loops;
      n.actualTotalMs = h.totalMs;
      const indent = line.search(/\S/);
      while (stack.length && stack[stack.length - 1].indent >= indent) stack.pop();
      const parent = stack[stack.length - 1]?.node;
      if (nodes.length > 0 && !parent) throw new ParseError('plan node outside the plan tree (indentation does not nest)', k + 1, indent + 1);
      n.parentId = parent?.id ?? null;
      n.depth = stack.length;
      parent?.children.push(n);
      stack.push({ indent, node: n });
      nodes.push(n);
      current = n;
      continue;
    }
    const t = line.trim();
    let m: RegExpExecArray | null;
    if ((m = /^Planning Time: ([\d.]+) ms/.exec(t))) { planningMs = Number(m[1]); current = undefined; continue; }
    if ((m = /^Execution Time: ([\d.]+) ms/.exec(t))) { executionMs = Number(m[1]); current = undefined; continue; }
    if (/^Planning:$/.test(t)) { current = undefined; continue; }
    if (nodes.length === 0) {
      if (/^(Seq Scan|Index|Bitmap|Hash|Nested|Merge|Sort|Limit|Aggregate|Result|Gather|Append|Unique|Materialize|Subquery|CTE|Function|Values|WindowAgg|Group|Insert|Update|Delete)/.test(t)) {
        throw new ParseError('plan node heading without "(cost=…)" or "(actual …)"', k + 1, line.search(/\S/) + 1);
      }
      if (!/^(QUERY PLAN|-+)$/.test(t)) throw new ParseError('not PostgreSQL EXPLAIN output: expected a plan node heading such as "Seq Scan on t  (cost=…)"', k + 1, line.search(/\S/) + 1);
      continue;
    }
    if (!current) continue;
    if (/^Filter: /.test(t)) current.filter = true;
    else if ((m = /^Rows Removed by Filter: (\d+)/.exec(t))) current.rowsRemovedByFilter = Number(m[1]);
    else if ((m = /^Sort Method: (.+?)\s+(Memory|Disk): (\d+)kB/.exec(t))) {
      current.sortMethod = m[1];
      current.sortSpaceType = m[2];
    } else if ((m = /Batches: (\d+)(?: \(originally (\d+)\))?/.exec(t)) && /^(Buckets|Batches)/.test(t)) {
      current.hashBatches = Number(m[1]);
      if (m[2]) current.originalHashBatches = Number(m[2]);
      const d = /Disk Usage: (\d+)kB/.exec(t);
      if (d) current.diskUsageKb = Number(d[1]);
    } else if ((m = /^Buffers: (.*)$/.exec(t))) {
      const hit = /shared (?:[^,]*?\b)?hit=(\d+)/.exec(m[1]);
      const read = /shared (?:[^,]*?\b)?read=(\d+)/.exec(m[1]);
      if (current.sharedHit === null) {
        current.sharedHit = hit ? Number(hit[1]) : 0;
        current.sharedRead = read ? Number(read[1]) : 0;
      }
    }
  }
  if (nodes.length === 0) throw new ParseError('not PostgreSQL EXPLAIN output: no plan node found', 1, 1);
  const root = nodes[0];
  return { nodes, root, planningMs, executionMs, analyzed: root.loops !== null, format: 'text' };
}

/** Exclusive time and estimate error per node (same for both formats). */
export function deriveMetrics(plan: Plan): void {
  for (const n of plan.nodes) {
    if (n.actualTotalMs !== null && n.loops !== null) {
      let childTime = 0;
      for (const c of n.children) if (c.actualTotalMs !== null && c.loops !== null) childTime += c.actualTotalMs * c.loops;
      n.exclusiveMs = Math.max(0, n.actualTotalMs * n.loops - childTime);
    }
    if (n.actualRows !== null && n.planRows !== null && n.loops !== null && n.loops > 0) {
      const actual = n.actualRows === 0 ? 1 : n.actualRows;
      const planned = n.planRows === 0 ? 1 : n.planRows;
      n.estimateFactor = Math.max(actual, planned) / Math.min(actual, planned);
      n.estimateDirection = actual > planned ? 'under' : 'over';
    }
  }
}

/**
 * Where JSON.parse gave up: V8's messages do not always carry a position, so a minimal
 * scanner walks the text (only on the error path) and returns the offending offset.
 */
function jsonErrorAt(text: string): [number, string] {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  };
  const fail = (why: string): never => {
    throw [i, why];
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') { i++; return; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a property name');
        str();
        ws();
        if (text[i] !== ':') fail('expected ":"');
        i++;
        value();
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return; }
        fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') { i++; return; }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return; }
        fail('expected "," or "]"');
      }
    }
    if (c === '"') return str();
    const m = /^(-?\d+(\.\d+)?([eE][-+]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
    if (!m) fail(i >= text.length ? 'unexpected end of input' : `unexpected ${JSON.stringify(c)}`);
    i += m![0].length;
  };
  const str = () => {
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) fail('unterminated string');
    i++;
  };
  try {
    value();
    ws();
    if (i < text.length) fail('unexpected text after the JSON document');
  } catch (e) {
    if (Array.isArray(e)) return [e[0] as number, e[1] as string];
    throw e;
  }
  return [0, 'malformed JSON'];
}
