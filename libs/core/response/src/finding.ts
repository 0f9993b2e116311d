import { z } from 'zod';

/** Severity levels every tool maps its anchor's levels onto (see TOOLS.md "Findings"). */
export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Location {
  path?: string;
  line: number;
  column?: number;
  endLine?: number;
}

/**
 * One result of an analyzer. Tools may add their own flat fields (`package`, `object`,
 * `cycle`, ...) after the standard ones; `normalizeFinding` puts the keys in contract order.
 */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  location?: Location;
  fix?: string;
  docs?: string;
  [field: string]: unknown;
}

export const locationSchema = z
  .object({
    path: z.string().optional(),
    line: z.number().int().min(1),
    column: z.number().int().min(1).optional(),
    endLine: z.number().int().min(1).optional(),
  })
  .describe('Where the finding is: 1-based line and column, path when the input had several files');

export const findingSchema = z
  .object({
    ruleId: z.string().describe("The anchor's rule id (DL3008, B602, F401, ...) or the tool's own kebab-case id"),
    severity: z.enum(SEVERITIES),
    message: z.string(),
    location: locationSchema.optional(),
    fix: z.string().optional(),
    docs: z.string().optional(),
  })
  .catchall(z.unknown());

const STANDARD_KEYS = ['ruleId', 'severity', 'message', 'location', 'fix', 'docs'] as const;
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Contract key order: the standard keys first, then the tool's own fields as given. */
export function normalizeFinding(finding: Finding): Finding {
  const out: Record<string, unknown> = {};
  for (const key of STANDARD_KEYS) {
    if (finding[key] !== undefined) out[key] = finding[key];
  }
  for (const [key, value] of Object.entries(finding)) {
    if (!(STANDARD_KEYS as readonly string[]).includes(key) && value !== undefined) out[key] = value;
  }
  return out as Finding;
}

/**
 * Total order on findings so that the same input always yields the same bytes (results are
 * cached by the gateway): by path, line, column, severity, rule id, then message.
 */
export function compareFindings(a: Finding, b: Finding): number {
  const la = a.location;
  const lb = b.location;
  return (
    cmp(la?.path ?? '', lb?.path ?? '') ||
    (la?.line ?? 0) - (lb?.line ?? 0) ||
    (la?.column ?? 0) - (lb?.column ?? 0) ||
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.message, b.message)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
