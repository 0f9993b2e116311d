/**
 * The legacy HTTP+SSE transport (protocol 2024-11-05) for old clients: `GET /sse` opens an
 * event stream whose first event names the endpoint to POST to; `POST /messages?sessionId=`
 * delivers a message, answered 202; the response travels back on the stream.
 *
 * This is the gateway's one piece of session state: a session's stream and its POSTs may reach
 * different isolates, so each session lives in its own Durable Object, which holds the stream
 * and the negotiated protocol version. Each message is answered by the same stateless MCP
 * handler as /mcp (called in-process), so both transports behave identically.
 */
export interface DurableObjectStubLike {
  fetch(request: Request): Promise<Response>;
}

export interface LegacySseNamespace {
  idFromName(name: string): unknown;
  get(id: unknown): DurableObjectStubLike;
}

const SESSION = /^[0-9a-f]{32}$/;

/** Gateway side: routes /sse and /messages to the session's Durable Object. */
export async function routeLegacySse(request: Request, namespace: LegacySseNamespace | undefined, traceparent: string): Promise<Response> {
  if (!namespace) return new Response('Legacy SSE transport is not configured (no LEGACY_SSE binding)\n', { status: 501 });
  const url = new URL(request.url);
  if (url.pathname === '/sse') {
    if (request.method !== 'GET') return new Response('Method not allowed\n', { status: 405, headers: { allow: 'GET' } });
    const session = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
    return namespace.get(namespace.idFromName(session)).fetch(new Request(`https://session/connect?sessionId=${session}`, { signal: request.signal }));
  }
  if (request.method !== 'POST') return new Response('Method not allowed\n', { status: 405, headers: { allow: 'POST' } });
  const session = url.searchParams.get('sessionId') ?? '';
  if (!SESSION.test(session)) return new Response('Missing or malformed sessionId\n', { status: 400 });
  return namespace.get(namespace.idFromName(session)).fetch(
    new Request(`https://session/message?sessionId=${session}`, {
      method: 'POST',
      // The caller's API key goes along: each message is authorized like a POST to /mcp.
      // So does the trace: the replayed /mcp request is a child span of this POST.
      headers: { 'content-type': 'application/json', authorization: request.headers.get('authorization') ?? '', traceparent },
      body: await request.text(),
    }),
  );
}

/** Durable Object side: one SSE session. `handle` answers one JSON-RPC message statelessly. */
export class LegacySseSessionCore {
  private writer?: WritableStreamDefaultWriter<Uint8Array>;
  private protocolVersion?: string;
  private readonly encoder = new TextEncoder();

  constructor(private readonly handle: (request: Request) => Promise<Response>) {}

  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const session = url.searchParams.get('sessionId') ?? '';
    if (url.pathname === '/connect') return this.connect(session, request.signal);
    if (url.pathname === '/message') return this.message(await request.text(), request.headers.get('authorization'), request.headers.get('traceparent'));
    return new Response('Not found\n', { status: 404 });
  }

  private connect(session: string, signal: AbortSignal): Response {
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    this.writer = writable.getWriter();
    signal.addEventListener('abort', () => this.close());
    void this.send('endpoint', `/messages?sessionId=${session}`);
    return new Response(readable, { headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive' } });
  }

  private async message(body: string, authorization: string | null, traceparent: string | null): Promise<Response> {
    if (!this.writer) return new Response('Unknown or closed session\n', { status: 404 });
    let parsed: { method?: string; params?: { protocolVersion?: string }; id?: unknown } | undefined;
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = undefined; // the stateless handler answers -32700 below
    }
    // An in-process request carries no Host of its own; name the loopback one (DNS-rebinding check).
    const headers: Record<string, string> = { host: 'localhost', 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
    if (this.protocolVersion && parsed?.method !== 'initialize') headers['mcp-protocol-version'] = this.protocolVersion;
    if (authorization) headers.authorization = authorization;
    if (traceparent) headers.traceparent = traceparent;
    const response = await this.handle(new Request('http://localhost/mcp', { method: 'POST', headers, body }));
    for (const message of await messagesOf(response)) {
      const result = (message as { result?: { protocolVersion?: string } }).result;
      if (parsed?.method === 'initialize' && result?.protocolVersion) this.protocolVersion = result.protocolVersion;
      await this.send('message', JSON.stringify(message));
    }
    return new Response('Accepted\n', { status: 202 });
  }

  private async send(event: string, data: string): Promise<void> {
    try {
      await this.writer?.write(this.encoder.encode(`event: ${event}\ndata: ${data}\n\n`));
    } catch {
      this.close();
    }
  }

  private close(): void {
    void this.writer?.close().catch(() => undefined);
    this.writer = undefined;
  }
}

/** The JSON-RPC messages of a stateless answer, whether it came as JSON or as an SSE body. */
async function messagesOf(response: Response): Promise<unknown[]> {
  const text = await response.text();
  if (!text.trim()) return [];
  if ((response.headers.get('content-type') ?? '').includes('text/event-stream')) {
    return text
      .split(/\r?\n/)
      .filter((l) => l.startsWith('data:'))
      .map((l) => JSON.parse(l.slice(5).trim()));
  }
  try {
    const json = JSON.parse(text);
    return Array.isArray(json) ? json : [json];
  } catch {
    return [];
  }
}
