import { Client } from '@modelcontextprotocol/client';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as StreamableHTTPClientTransportV1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Miniflare } from 'miniflare';

export interface ClusterOptions {
  /** Apps to boot (default: all ten). */
  apps?: string[];
  /** Extra vars per app, e.g. `{ gateway: { CALL_TIMEOUT_MS: '500' } }`. */
  vars?: Record<string, Record<string, string>>;
  /** Service bindings to remove per app, e.g. `{ gateway: ['DOCKER_MCP_WORKER'] }`. */
  dropBindings?: Record<string, string[]>;
  /** Miniflare options merged into an app's worker, e.g. a tighter `ratelimits`. */
  patch?: Record<string, Record<string, unknown>>;
  /** Replace an app's worker with other miniflare options (fault injection). */
  replace?: Record<string, Record<string, unknown>>;
  extraWorkers?: Record<string, unknown>[];
  verbose?: boolean;
}

export interface Cluster {
  mf: Miniflare;
  url: string;
  mcpUrl: string;
  /** The official v2 client, negotiating protocol 2026-07-28. */
  connectModern(): Promise<Client>;
  /** The v1 client most deployed MCP clients embed, on 2025-11-25. */
  connectLegacy(): Promise<ClientV1>;
  stop(): Promise<void>;
}

const CLUSTER_SCRIPT = new URL('../../../../../tools/scripts/cluster.mjs', import.meta.url).href;

/**
 * Boots the built workers in one workerd (miniflare) and hands out connected SDK clients,
 * so an app's integration spec is a few lines. The apps must be built (`nx run-many -t build`;
 * the integration test targets depend on it).
 */
export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const { startCluster: boot } = (await import(CLUSTER_SCRIPT)) as {
    startCluster(o: ClusterOptions): Promise<{ mf: Miniflare; url: string; mcpUrl: string; stop(): Promise<void> }>;
  };
  const cluster = await boot(options);
  const clients: { close(): Promise<void> }[] = [];
  return {
    ...cluster,
    async connectModern() {
      const client = new Client({ name: 'integration-v2', version: '1.0.0' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
      await client.connect(new StreamableHTTPClientTransport(new URL(cluster.mcpUrl)));
      clients.push(client);
      return client;
    },
    async connectLegacy() {
      const client = new ClientV1({ name: 'integration-v1', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransportV1(new URL(cluster.mcpUrl)));
      clients.push(client);
      return client;
    },
    async stop() {
      await Promise.allSettled(clients.map((c) => c.close()));
      await cluster.stop();
    },
  };
}
