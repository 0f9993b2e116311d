// The light entry: the RPC contract, routing table and tool registry. Safe to import from
// tool libs and workers; the gateway's MCP handling lives in ./gateway, test helpers in ./testing.
export { CONTRACT_VERSION, contractMajor } from './contract';
export type {
  CategoryWorkerRpc,
  CallMeta,
  CallToolReply,
  HealthReply,
  ListToolsReply,
  RuleDescriptor,
  ToolContent,
  ToolDescriptor,
  ToolAnnotationsShape,
} from './contract';
export { routeForTool } from './routing';
export type { CategoryRoute } from './routing';
export { defineTool } from './registry/define-tool';
export type { ToolDefinition, ToolContext, RuleDoc } from './registry/define-tool';
export { contentArg, filesArg, fileSchema, ignoreOption, analyzerOptions } from './registry/args';
export { createToolRegistry, describeIssues, errorReply, DEFAULT_MAX_INPUT_BYTES } from './registry/registry';
export type { ToolRegistry, RegistryOptions } from './registry/registry';
