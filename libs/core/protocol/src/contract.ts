/**
 * The RPC contract between the gateway and the category workers (JS RPC over service
 * bindings to a WorkerEntrypoint). Any change to these types must bump CONTRACT_VERSION:
 * a major bump when an old gateway or worker could misread the other (CI checks it).
 */
export const CONTRACT_VERSION = '1.3.0';

export function contractMajor(version: string): number {
  return Number.parseInt(version.split('.')[0] ?? '', 10);
}

export interface ToolAnnotationsShape {
  title?: string;
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

/** A tool as a worker describes it: exactly the MCP `Tool` shape the gateway lists. */
export interface ToolDescriptor {
  name: string;
  title?: string;
  description: string;
  inputSchema: Record<string, unknown> & { type: 'object' };
  outputSchema?: Record<string, unknown> & { type: 'object' };
  annotations?: ToolAnnotationsShape;
}

/** Documentation of one rule id a category's tools report (served as MCP resources). */
export interface RuleDescriptor {
  id: string;
  /** The first tool that reports the rule. */
  tool: string;
  /** Added in 1.2.0: every tool of the category that reports it (DL3009: lint and optimize). */
  tools?: string[];
  /** Added in 1.3.0: former names of the rule the anchor still accepts (squawk's prefer-timestamptz). */
  aliases?: string[];
  severity: 'error' | 'warning' | 'info';
  summary: string;
  docs?: string;
}

export interface ListToolsReply {
  contractVersion: string;
  category: string;
  /** The worker's deployed version (a content hash of its tool list unless set by deploy). */
  version: string;
  tools: ToolDescriptor[];
  /** Added in 1.1.0: optional, so a 1.0 worker still serves its tools. */
  rules?: RuleDescriptor[];
}

/** Per-call metadata the gateway passes along so one request is one trace across workers. */
export interface CallMeta {
  requestId: string;
  traceparent: string;
  /** Aborts the tool when the gateway gives up (timeout or client cancellation). */
  deadlineMs?: number;
}

export interface ToolContent {
  type: 'text';
  text: string;
}

export interface CallToolReply {
  content: ToolContent[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
  _meta?: Record<string, unknown>;
}

export interface HealthReply {
  contractVersion: string;
  category: string;
  version: string;
  status: 'ok';
  tools: number;
}

/** What every category worker's RPC entrypoint implements. */
export interface CategoryWorkerRpc {
  listTools(): Promise<ListToolsReply>;
  callTool(name: string, args: unknown, meta: CallMeta): Promise<CallToolReply>;
  health(): Promise<HealthReply>;
}
