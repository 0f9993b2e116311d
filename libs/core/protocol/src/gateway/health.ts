import { withTimeout } from './timeout';
import { contractError } from './catalog';
import type { GatewayServices } from './mcp-server';

export interface HealthReport {
  status: 'ok' | 'degraded' | 'down';
  categories: {
    category: string;
    status: 'ok' | 'down';
    latencyMs: number;
    version?: string;
    contractVersion?: string;
    tools?: number;
    error?: string;
  }[];
}

/** Asks every category worker's health() in parallel; one slow worker costs at most the timeout. */
export async function checkHealth(services: GatewayServices): Promise<HealthReport> {
  const categories = await Promise.all(
    services.routes.map(async (route) => {
      const started = Date.now();
      const rpc = services.lookup(route);
      try {
        if (!rpc) throw new Error(`no service binding ${route.binding}`);
        const h = await withTimeout(rpc.health(), Math.min(services.callTimeoutMs, 5_000), `health of ${route.category}`);
        const incompatible = contractError(route.category, h.contractVersion);
        if (incompatible) throw new Error(incompatible);
        return { category: route.category, status: 'ok' as const, latencyMs: Date.now() - started, version: h.version, contractVersion: h.contractVersion, tools: h.tools };
      } catch (error) {
        return { category: route.category, status: 'down' as const, latencyMs: Date.now() - started, error: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
  const up = categories.filter((c) => c.status === 'ok').length;
  return { status: up === categories.length ? 'ok' : up === 0 ? 'down' : 'degraded', categories };
}
