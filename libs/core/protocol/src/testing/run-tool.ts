import { createLogger } from '@mcp/core-logger';
import type { CallToolReply } from '../contract';
import type { ToolDefinition } from '../registry/define-tool';
import { createToolRegistry, type ToolRegistry } from '../registry/registry';

export interface RunToolOptions {
  env?: Record<string, unknown>;
  fetch?: typeof fetch;
  /** Receives the log lines the registry writes (silent by default). */
  sink?: (line: string) => void;
}

/**
 * Runs one tool through the real registry (validation, size limit, standardizer, Markdown)
 * exactly as its worker would, without a worker.
 */
export async function runTool(tool: ToolDefinition, args: unknown, options: RunToolOptions = {}): Promise<CallToolReply> {
  const registry = options.sink ? registryOf(tool, options.sink) : (silent.get(tool) ?? silent.set(tool, registryOf(tool)).get(tool)!);
  return registry.call(
    tool.name,
    args,
    { requestId: 'test', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
    { env: options.env ?? {}, signal: new AbortController().signal, fetch: options.fetch ?? fetch },
  );
}

// A worker builds its registry (JSON Schemas, logger) once per isolate, not per call: so do the
// specs and the bench, which would otherwise time that setup with every call.
const silent = new WeakMap<ToolDefinition, ToolRegistry>();

function registryOf(tool: ToolDefinition, sink: (line: string) => void = () => undefined): ToolRegistry {
  const logger = createLogger({ worker: 'test', sink });
  return createToolRegistry(tool.name.split('_')[0], [tool as ToolDefinition], { logger });
}

/** The structured result of a successful call; throws with the error text otherwise. */
export function structured<T = Record<string, unknown>>(reply: CallToolReply): T {
  if (reply.isError) throw new Error(`tool returned an error: ${resultText(reply)}`);
  return reply.structuredContent as T;
}

export function resultText(reply: CallToolReply): string {
  return reply.content.map((c) => c.text).join('\n');
}
