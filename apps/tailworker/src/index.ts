import { recordsFromTailEvents, type TailEvent } from '@mcp/core-logger';
import { ttlSeconds, writeBatch } from './store';
import { handleQuery } from './routes';
import { writeAnalyticsEngine, type AnalyticsEngine } from './analytics';

export interface TailEnv {
  LOGS: KVNamespace;
  LOG_TTL_SECONDS?: string;
  /** Workers Analytics Engine dataset; bound in the production environment only. */
  ANALYTICS?: AnalyticsEngine;
}

export default {
  /**
   * Every other worker lists this one in `tail_consumers`: their invocations arrive here.
   * Exactly one KV put per invocation: the records, with the rollup fragment in its metadata.
   */
  async tail(events: TraceItem[], env: TailEnv, ctx: ExecutionContext): Promise<void> {
    const records = recordsFromTailEvents(events as unknown as TailEvent[]);
    writeAnalyticsEngine(env.ANALYTICS, records);
    ctx.waitUntil(writeBatch(env.LOGS, records, ttlSeconds(env.LOG_TTL_SECONDS)));
  },

  /** The query API and the dashboard, reached only through the gateway's /admin/* forwarding. */
  async fetch(request: Request, env: TailEnv): Promise<Response> {
    return handleQuery(request, env.LOGS, ttlSeconds(env.LOG_TTL_SECONDS));
  },
} satisfies ExportedHandler<TailEnv>;
