import { DurableObject } from 'cloudflare:workers';
import { createGateway, LegacySseSessionCore, type GatewayEnv } from '@mcp/core-protocol/gateway';
import { ROUTES } from './routes';

/**
 * The public MCP endpoint. It imports no tool code: tools are learned from the category
 * workers at run time, so adding a tool never redeploys the gateway.
 */
const gateway = createGateway(ROUTES);
export default { fetch: gateway.fetch } satisfies ExportedHandler<GatewayEnv>;

/** One legacy HTTP+SSE session (2024-11-05 clients): its stream and negotiated version. */
export class LegacySseSession extends DurableObject<GatewayEnv> {
  private readonly session = new LegacySseSessionCore((request) => gateway.fetchInProcess(request, this.env));

  override fetch(request: Request): Promise<Response> {
    return this.session.fetch(request);
  }
}
