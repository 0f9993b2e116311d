import type { Finding } from '@mcp/core-response';
import { pathString, type OpenApiDoc } from '../shared/openapi';
import { OASDIFF_LEVELS, SEVERITY } from './levels';
import { MESSAGES, format } from './messages';

/** Settings oasdiff takes from its command line, with oasdiff's defaults. */
export interface DiffOptions {
  /**
   * The date sunset checks measure against (`YYYY-MM-DD`). oasdiff uses the machine's current
   * date; taking it as an input keeps a diff a pure function of its inputs (and testable).
   */
  today: string;
  /** oasdiff `--deprecation-days-beta` (default 0): minimum days between deprecation and sunset for beta endpoints. */
  deprecationDaysBeta: number;
  /** oasdiff `--deprecation-days-stable` (default 0): the same for stable endpoints (and those without a level). */
  deprecationDaysStable: number;
}

export type Side = 'before' | 'after';

export interface Ctx {
  before: OpenApiDoc;
  after: OpenApiDoc;
  options: DiffOptions;
  findings: Finding[];
  seen: Set<string>;
}

export function newCtx(before: OpenApiDoc, after: OpenApiDoc, options: DiffOptions): Ctx {
  return { before, after, options, findings: [], seen: new Set() };
}

export const docOf = (ctx: Ctx, side: Side): OpenApiDoc => (side === 'before' ? ctx.before : ctx.after);

/** Where a finding sits: a node of one side (and optionally a member key of it). */
export interface At {
  side: Side;
  node?: object;
  key?: string | number;
}

export interface Extra {
  /** Operation label (`GET /orders/{id}`); omitted for document-level changes. */
  op?: string;
  /** How to fix a breaking change (ERR/WARN only). */
  fix?: string;
  /** oasdiff's details suffix, such as `(stability: beta)` or `(sunset: 2026-01-01)`. */
  details?: string;
}

/**
 * Records one change. Identical reports (same id, message and place: a schema shared by two
 * media types, or reached twice) are kept once, since they describe one edit of the document.
 */
export function emit(ctx: Ctx, id: string, args: readonly string[], at: At, extra: Extra = {}): void {
  const level = OASDIFF_LEVELS[id];
  const template = MESSAGES[id];
  if (!level || template === undefined) throw new Error(`diff-openapi: unknown check id ${id}`);
  const doc = docOf(ctx, at.side);
  const path = at.node ? doc.where(at.node, at.key) : [];
  const loc = doc.src.locate(path);
  let message = format(template, args);
  if (extra.details) message += ` ${extra.details}`;
  if (extra.op) message = `${extra.op}: ${message}`;
  const key = `${id}|${at.side}|${loc.line}|${loc.column}|${message}`;
  if (ctx.seen.has(key)) return;
  ctx.seen.add(key);
  ctx.findings.push({
    ruleId: id,
    severity: SEVERITY[level],
    message,
    location: { path: at.side, line: loc.line, column: loc.column },
    fix: level === 'INFO' ? undefined : (extra.fix ?? defaultFix(id)),
    level,
    operation: extra.op,
    path: pathString(path),
  });
}

/** Generic advice for breaking ids whose check does not word its own. */
function defaultFix(id: string): string {
  if (id.startsWith('request-')) return 'Keep accepting every request the old contract accepted, or publish the stricter contract as a new version.';
  if (id.startsWith('response-') || id.includes('response-header')) return 'Keep responses within what the old contract promised; clients may rely on it.';
  return 'Keep the previous contract, or deprecate first and version the change.';
}

// Argument texts, as oasdiff prints its values (checker/checks_utils.go interfaceToString).

/** A float64 field (minimum, maximum, numeric exclusive bounds): two decimals. */
export function f2(v: unknown): string {
  return typeof v === 'number' ? v.toFixed(2) : anyText(v);
}

/** A uint64 field (maxLength, minItems...): the integer. */
export function int(v: unknown): string {
  return typeof v === 'number' ? String(Math.trunc(v)) : anyText(v);
}

/**
 * A value of any type (default, enum value, boolean exclusive bound): numbers are float64 in
 * oasdiff and print with two decimals, strings as they are, booleans as true/false.
 */
export function anyText(v: unknown): string {
  if (v === undefined || v === null) return 'undefined';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return v.toFixed(2);
  if (typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** Strict structural equality of plain JSON values (used for enum values and defaults). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
