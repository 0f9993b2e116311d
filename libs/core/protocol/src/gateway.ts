// Gateway entry: MCP over Streamable HTTP (2026-07-28 and the 2025 revisions through the SDK's
// stateless fallback), tool catalog aggregation, routing, health and admin forwarding.
export { createGateway } from './gateway/create-gateway';
export type { GatewayEnv } from './gateway/create-gateway';
export { ToolCatalog, contractError } from './gateway/catalog';
export type { Catalog, CategoryStatus } from './gateway/catalog';
export { dispatchTool } from './gateway/dispatch';
export { checkHealth } from './gateway/health';
export type { HealthReport } from './gateway/health';
export { withTimeout, TimeoutError } from './gateway/timeout';
export { LegacySseSessionCore, routeLegacySse } from './gateway/legacy-sse';
