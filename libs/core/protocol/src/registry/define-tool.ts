import type { z } from 'zod';
import type { Envelope, ToolOutput } from '@mcp/core-response';
import type { ToolAnnotationsShape } from '../contract';

/** What a running tool may use besides its arguments. */
export interface ToolContext {
  /** The worker's bindings and vars (a KV namespace for caches, a base URL, ...). */
  env: Record<string, unknown>;
  /** Aborted when the gateway gives up on the call. */
  signal: AbortSignal;
  /** Outbound HTTP for the few tools that query a service (OSV). */
  fetch: typeof fetch;
}

/** Documentation of one rule id a tool reports, served as `rules://{category}/{ruleId}`. */
export interface RuleDoc {
  id: string;
  severity: 'error' | 'warning' | 'info';
  summary: string;
  /** The anchor's own documentation page for the rule, when it has one. */
  docs?: string;
  /** Former names the anchor still accepts for this rule: `options.ignore` and rules:// take them too. */
  aliases?: string[];
}

export interface ToolDefinition<I extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  description: string;
  /** Arguments; every field carries a `.describe()`. Unknown keys are rejected. */
  input: I;
  /** `structuredContent`'s schema; the shared analyzer envelope when omitted. */
  output?: z.ZodType;
  /** Defaults: read-only, idempotent, closed world (see TOOLS.md "Annotations"). */
  annotations?: Partial<ToolAnnotationsShape>;
  /** Maximum total size of the text arguments, checked before anything is parsed. */
  maxInputBytes?: number;
  rules?: RuleDoc[];
  run(args: z.infer<I>, ctx: ToolContext): ToolOutput | Promise<ToolOutput>;
  /** Extra Markdown sections (the tool's main table) after the findings. */
  render?(envelope: Envelope, args: z.infer<I>): string[];
}

/** Identity at run time; exists so that a tool's types are inferred from its input schema. */
export function defineTool<I extends z.ZodObject>(definition: ToolDefinition<I>): ToolDefinition<I> {
  return definition;
}
