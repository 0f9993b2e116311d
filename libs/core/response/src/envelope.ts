import { z } from 'zod';
import { compareFindings, findingSchema, normalizeFinding, type Finding } from './finding';

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
  [key: string]: number;
}

/** What a tool's `run` returns; the registry completes it into an `Envelope`. */
export interface ToolOutput {
  findings?: Finding[];
  /** Extra summary counters beyond errors/warnings/infos. */
  summary?: Record<string, number>;
  metrics?: Record<string, unknown>;
  artifacts?: Record<string, unknown>;
}

export interface Envelope {
  summary: Summary;
  findings: Finding[];
  metrics?: Record<string, unknown>;
  artifacts?: Record<string, unknown>;
}

export const summarySchema = z
  .object({ errors: z.number().int(), warnings: z.number().int(), infos: z.number().int() })
  .catchall(z.number());

/**
 * The shared analyzer envelope. Tools narrow `metrics` and `artifacts` by passing their own
 * zod shapes; unknown extra keys stay allowed so a tool can add keys without breaking clients.
 */
export function envelopeSchema(
  metrics: z.ZodType = z.record(z.string(), z.unknown()),
  artifacts: z.ZodType = z.record(z.string(), z.unknown()),
) {
  return z.object({
    summary: summarySchema,
    findings: z.array(findingSchema),
    metrics: metrics.optional(),
    artifacts: artifacts.optional(),
  });
}

/**
 * Completes a tool's output: drops ignored rule ids, puts finding keys in contract order,
 * sorts deterministically, and counts severities.
 */
export function toEnvelope(output: ToolOutput, ignore: readonly string[] = []): Envelope {
  const skip = new Set(ignore);
  const findings = (output.findings ?? [])
    .filter((f) => !skip.has(f.ruleId))
    .map(normalizeFinding)
    .sort(compareFindings);
  const summary: Summary = {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    infos: findings.filter((f) => f.severity === 'info').length,
    ...output.summary,
  };
  const envelope: Envelope = { summary, findings };
  if (output.metrics !== undefined) envelope.metrics = output.metrics;
  if (output.artifacts !== undefined) envelope.artifacts = output.artifacts;
  return envelope;
}
