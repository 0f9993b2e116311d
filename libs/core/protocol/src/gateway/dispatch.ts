import type { Logger } from '@mcp/core-logger';
import type { CallMeta, CallToolReply, CategoryWorkerRpc } from '../contract';
import type { CategoryRoute } from '../routing';
import { TimeoutError, withTimeout } from './timeout';

export interface DispatchOptions {
  timeoutMs: number;
  readOnly: boolean;
  logger: Logger;
  /** Client cancellation (notifications/cancelled): stop waiting for the worker. */
  signal?: AbortSignal;
}

/**
 * Calls one tool on its category worker. Failures of the worker itself (missing binding,
 * timeout, a thrown RPC error) become a tool result that names the category, so a client sees
 * which part is down while every other category keeps answering. Read-only tools get one
 * retry on a transient binding error; anything else is never retried.
 */
export async function dispatchTool(
  route: CategoryRoute,
  rpc: CategoryWorkerRpc | undefined,
  name: string,
  args: unknown,
  meta: CallMeta,
  { timeoutMs, readOnly, logger, signal }: DispatchOptions,
): Promise<CallToolReply> {
  if (!rpc) return unavailable(route, `it has no service binding (${route.binding})`);
  const attempt = () => withTimeout(abortable(rpc.callTool(name, args, meta), signal), timeoutMs, `${name} on the ${route.category} worker`);
  try {
    return await attempt();
  } catch (first) {
    if (readOnly && isTransient(first)) {
      logger.warn({ event: 'tool.retry', tool: name, category: route.category, errorClass: errorName(first) }, 'retrying once');
      try {
        return await attempt();
      } catch (second) {
        return failure(route, name, second, timeoutMs);
      }
    }
    return failure(route, name, first, timeoutMs);
  }
}

class CancelledError extends Error {
  override readonly name = 'CancelledError';
}

/** A JS RPC call cannot be recalled, but the gateway can stop waiting for it. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new CancelledError('cancelled by the client'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new CancelledError('cancelled by the client'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function failure(route: CategoryRoute, name: string, error: unknown, timeoutMs: number): CallToolReply {
  if (error instanceof TimeoutError) {
    return unavailable(route, `${name} did not finish within ${timeoutMs} ms`);
  }
  if (error instanceof CancelledError) {
    return { content: [{ type: 'text', text: `${name} was cancelled by the client` }], isError: true };
  }
  return unavailable(route, `the worker failed (${errorName(error)})`);
}

function unavailable(route: CategoryRoute, why: string): CallToolReply {
  return {
    content: [{ type: 'text', text: `The ${route.category} category is unavailable: ${why}. Tools of other categories are not affected.` }],
    isError: true,
    _meta: { 'mcp-workers/category': route.category, 'mcp-workers/unavailable': true },
  };
}

/** Errors a second attempt can cure: a dropped connection or an isolate that went away. */
function isTransient(error: unknown): boolean {
  if (error instanceof TimeoutError || error instanceof CancelledError) return false;
  const msg = error instanceof Error ? error.message : String(error);
  return /network connection lost|connection (reset|refused)|disconnected|internal error|overloaded|Durable Object reset|broken pipe/i.test(msg);
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
