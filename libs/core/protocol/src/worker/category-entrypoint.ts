import { WorkerEntrypoint } from 'cloudflare:workers';
import { createLogger, type Logger } from '@mcp/core-logger';
import { CONTRACT_VERSION, type CallMeta, type CallToolReply, type HealthReply, type ListToolsReply } from '../contract';
import type { ToolDefinition } from '../registry/define-tool';
import { createToolRegistry, type ToolRegistry } from '../registry/registry';

export interface CategoryWorkerOptions {
  category: string;
  tools: ToolDefinition[];
  /** Overrides the contract version this worker reports (tests of the version guard use it). */
  contractVersion?: string;
}

interface CategoryEnv {
  /** Set by deploys (`--var WORKER_VERSION:...`); otherwise a hash of the tool list. */
  WORKER_VERSION?: string;
  LOG_LEVEL?: string;
  [binding: string]: unknown;
}

/**
 * Builds the `WorkerEntrypoint` a category app exports. The registry (tool JSON Schemas,
 * version hash) is built once per isolate, not per call: on Workers that is billed CPU.
 */
export function createCategoryWorker({ category, tools, contractVersion = CONTRACT_VERSION }: CategoryWorkerOptions) {
  const worker = `worker-${category}`;
  let state: { registry: ToolRegistry; logger: Logger; version: Promise<string> } | undefined;

  function init(env: CategoryEnv) {
    if (!state) {
      const logger = createLogger({ worker, level: (env.LOG_LEVEL as 'info') ?? 'info' });
      const registry = createToolRegistry(category, tools, { logger });
      const version = env.WORKER_VERSION ? Promise.resolve(env.WORKER_VERSION) : hashVersion(registry);
      state = { registry, logger, version };
    }
    return state;
  }

  return class CategoryEntrypoint extends WorkerEntrypoint<CategoryEnv> {
    async listTools(): Promise<ListToolsReply> {
      const { registry, version } = init(this.env);
      return { contractVersion, category, version: await version, tools: registry.descriptors, rules: [...registry.rules.values()] };
    }

    async callTool(name: string, args: unknown, meta: CallMeta): Promise<CallToolReply> {
      const { registry } = init(this.env);
      const controller = new AbortController();
      const timer = meta.deadlineMs ? setTimeout(() => controller.abort(), Math.max(0, meta.deadlineMs - Date.now())) : undefined;
      try {
        return await registry.call(name, args, meta, {
          env: this.env,
          signal: controller.signal,
          fetch: (input, init) => fetch(input, init),
        });
      } finally {
        clearTimeout(timer);
      }
    }

    async health(): Promise<HealthReply> {
      const { registry, version } = init(this.env);
      return { contractVersion, category, version: await version, status: 'ok', tools: registry.descriptors.length };
    }

    /** Internal workers have no public face: anything but RPC gets a plain 404. */
    override async fetch(): Promise<Response> {
      return new Response(`${worker} is internal and reachable only through the gateway\n`, { status: 404 });
    }
  };
}

async function hashVersion(registry: ToolRegistry): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(registry.descriptors));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest.slice(0, 6)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
