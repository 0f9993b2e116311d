import { createGateway } from '@mcp/core-protocol/gateway';
import { ROUTES } from './routes';

/**
 * The public MCP endpoint. It imports no tool code: tools are learned from the category
 * workers at run time, so adding a tool never redeploys the gateway.
 */
export default createGateway(ROUTES);
