import { z } from 'zod';
import {
  InputError,
  ParseError,
  ServiceError,
  envelopeSchema,
  renderEnvelope,
  toEnvelope,
} from '@mcp/core-response';
import { fingerprint, parseTraceparent, type Logger } from '@mcp/core-logger';
import type { CallMeta, CallToolReply, ToolDescriptor } from '../contract';
import type { RuleDoc, ToolContext, ToolDefinition } from './define-tool';

/** Default limit on the text a call may carry (TOOLS.md: 1 MiB of text per call). */
export const DEFAULT_MAX_INPUT_BYTES = 1024 * 1024;

export interface ToolRegistry {
  readonly category: string;
  /** MCP tool descriptors, JSON Schemas computed once per isolate. */
  readonly descriptors: ToolDescriptor[];
  readonly rules: ReadonlyMap<string, RuleDoc & { tool: string; tools: string[] }>;
  has(name: string): boolean;
  call(name: string, args: unknown, meta: CallMeta, ctx: ToolContext): Promise<CallToolReply>;
}

export interface RegistryOptions {
  logger: Logger;
}

const DEFAULT_ANNOTATIONS = { readOnlyHint: true, idempotentHint: true, openWorldHint: false };

/**
 * The registration context every tool goes through: no tool can be called without argument
 * validation, the size limit, timing, a log line and the standardizer around it.
 */
export function createToolRegistry(category: string, tools: ToolDefinition[], { logger }: RegistryOptions): ToolRegistry {
  const byName = new Map<string, ToolDefinition>();
  const rules = new Map<string, RuleDoc & { tool: string; tools: string[] }>();
  for (const tool of tools) {
    if (byName.has(tool.name)) throw new Error(`Tool ${tool.name} is registered twice in ${category}`);
    byName.set(tool.name, tool);
    for (const rule of tool.rules ?? []) {
      // One document per rule id; a rule several tools report lists them all.
      const known = rules.get(rule.id);
      if (known) known.tools.push(tool.name);
      else rules.set(rule.id, { ...rule, tool: tool.name, tools: [tool.name] });
    }
  }
  const descriptors = tools.map(describe);
  const log = logger.child({ category });

  return {
    category,
    descriptors,
    rules,
    has: (name) => byName.has(name),
    async call(name, args, meta, ctx) {
      const started = Date.now();
      const traceId = parseTraceparent(meta.traceparent)?.traceId;
      const { argsBytes, argsHash } = await fingerprint(args);
      const tool = byName.get(name);
      let reply: CallToolReply;
      let outcome = 'ok';
      let errorClass: string | undefined;
      if (!tool) {
        reply = errorReply(`Unknown tool: ${name} is not a ${category} tool`);
        outcome = 'rejected';
      } else {
        try {
          reply = await invoke(tool, args, ctx);
          if (reply.isError) outcome = 'tool_error';
        } catch (error) {
          // Anything not mapped by invoke() is a defect in the tool: answer without internals.
          errorClass = error instanceof Error ? error.constructor.name : typeof error;
          outcome = 'error';
          log.error(
            { event: 'tool.crash', tool: name, requestId: meta.requestId, traceId, errorClass, err: String(error) },
            'tool threw',
          );
          reply = errorReply(`Internal error in ${name} (${errorClass}); the failure was logged.`);
        }
      }
      log.info({
        event: 'tool.call',
        tool: name,
        requestId: meta.requestId,
        traceId,
        outcome,
        errorClass,
        durationMs: Date.now() - started,
        argsBytes,
        argsHash,
      });
      return reply;
    },
  };
}

async function invoke(tool: ToolDefinition, args: unknown, ctx: ToolContext): Promise<CallToolReply> {
  const limit = tool.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES;
  const size = textBytes(args);
  if (size > limit) {
    return errorReply(`Input too large: ${size} bytes of text; the limit is ${limit} bytes (${formatMiB(limit)}) per call.`);
  }
  const parsed = tool.input.safeParse(args ?? {});
  if (!parsed.success) return errorReply(`Invalid arguments: ${describeIssues(parsed.error)}`);
  const data = parsed.data as { options?: { ignore?: string[] } };
  try {
    const output = await tool.run(data, ctx);
    const envelope = toEnvelope(output, withAliases(tool, data.options?.ignore ?? []));
    const text = renderEnvelope(tool.title, envelope, tool.render?.(envelope, data) ?? []);
    return { content: [{ type: 'text', text }], structuredContent: envelope as unknown as Record<string, unknown> };
  } catch (error) {
    if (error instanceof ParseError || error instanceof InputError || error instanceof ServiceError) {
      return errorReply(error instanceof ParseError ? error.toString() : error.message);
    }
    throw error;
  }
}

/** `ignore` entries may use a rule's former name (as the anchor's CLI accepts it): map them to the id. */
function withAliases(tool: ToolDefinition, ignore: string[]): string[] {
  if (ignore.length === 0) return ignore;
  const renamed = (tool.rules ?? []).filter((r) => r.aliases?.some((a) => ignore.includes(a))).map((r) => r.id);
  return renamed.length ? [...ignore, ...renamed] : ignore;
}

function describe(tool: ToolDefinition): ToolDescriptor {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: toJsonSchema(tool.input, 'input'),
    outputSchema: toJsonSchema(tool.output ?? envelopeSchema(), 'output'),
    annotations: { title: tool.title, ...DEFAULT_ANNOTATIONS, ...tool.annotations },
  };
}

function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> & { type: 'object' } {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return { ...json, type: 'object' };
}

/** "options.dialect: Invalid option ...; files[2].path: Required" — each failing field by path. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 10)
    .map((issue) => `${formatPath(issue.path) || '(arguments)'}: ${issue.message}`)
    .join('; ');
}

function formatPath(path: PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

function textBytes(value: unknown, depth = 0): number {
  if (typeof value === 'string') return utf8Length(value);
  if (depth > 8 || value === null || typeof value !== 'object') return 0;
  let total = 0;
  for (const v of Array.isArray(value) ? value : Object.values(value)) total += textBytes(v, depth + 1);
  return total;
}

function utf8Length(s: string): number {
  let bytes = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) bytes += c >= 0x800 && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
  }
  return bytes;
}

function formatMiB(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

export function errorReply(text: string): CallToolReply {
  return { content: [{ type: 'text', text }], isError: true };
}
