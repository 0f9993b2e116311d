import { InMemoryServerEventBus, type ServerEvent, type ServerEventBus } from '@modelcontextprotocol/server';

/**
 * The bus `subscriptions/listen` streams subscribe to, which also polls while a stream is open.
 * The catalog notices a new worker version only when it is asked for the tools, and an isolate
 * that holds nothing but listen streams gets no other request to ask on: without the poll its
 * listeners would hear of a deploy only after some unrelated call. Each stream polls on its own
 * timer, because a timer belongs to the request that set it: one shared timer would stop with
 * the first stream. The poll is cheap: the catalog answers from its cache within its TTL.
 */
export class PollingEventBus implements ServerEventBus {
  private readonly inner = new InMemoryServerEventBus();

  constructor(
    private readonly poll: () => void,
    private readonly everyMs: number,
  ) {}

  publish(event: ServerEvent): void {
    this.inner.publish(event);
  }

  subscribe(listener: (event: ServerEvent) => void): () => void {
    const off = this.inner.subscribe(listener);
    const timer = setInterval(this.poll, this.everyMs);
    return () => {
      clearInterval(timer);
      off();
    };
  }
}
