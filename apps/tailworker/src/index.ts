import { recordsFromTailEvents, type TailEvent } from '@mcp/core-logger';
import { ttlSeconds, writeBatch } from './store';
import { handleQuery } from './query';

export interface TailEnv {
  LOGS: KVNamespace;
  LOG_TTL_SECONDS?: string;
}

export default {
  /** Every other worker lists this one in `tail_consumers`: their invocations arrive here. */
  async tail(events: TraceItem[], env: TailEnv, ctx: ExecutionContext): Promise<void> {
    const records = recordsFromTailEvents(events as unknown as TailEvent[]);
    ctx.waitUntil(writeBatch(env.LOGS, records, ttlSeconds(env.LOG_TTL_SECONDS)));
  },

  /** The query API, reached only through the gateway's /admin/* forwarding. */
  async fetch(request: Request, env: TailEnv): Promise<Response> {
    return handleQuery(request, env.LOGS);
  },
} satisfies ExportedHandler<TailEnv>;
