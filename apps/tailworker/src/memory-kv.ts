/**
 * An in-memory KVNamespace for the unit specs: the parts the tailworker uses (put with TTL
 * and metadata, get text/json, list with prefix, cursor and KV's 1,000-key pages), and a log
 * of puts so specs can count them. Integration specs use miniflare's real KV instead.
 */
export class MemoryKV {
  readonly entries = new Map<string, { value: string; metadata?: unknown; expirationTtl?: number }>();
  readonly puts: { key: string; expirationTtl?: number }[] = [];
  pageSize = 1000;

  async put(key: string, value: string, options: { expirationTtl?: number; metadata?: unknown } = {}): Promise<void> {
    if (options.expirationTtl !== undefined && options.expirationTtl < 60) throw new Error('KV PUT failed: 400 Invalid expiration_ttl of ' + options.expirationTtl);
    if (options.metadata !== undefined && JSON.stringify(options.metadata).length > 1024) throw new Error('KV PUT failed: metadata over 1024 bytes');
    this.entries.set(key, { value, metadata: options.metadata, expirationTtl: options.expirationTtl });
    this.puts.push({ key, expirationTtl: options.expirationTtl });
  }

  async get(key: string, type: 'text' | 'json' = 'text'): Promise<unknown> {
    const e = this.entries.get(key);
    if (!e) return null;
    return type === 'json' ? JSON.parse(e.value) : e.value;
  }

  async list(options: { prefix?: string; cursor?: string; limit?: number } = {}) {
    const names = [...this.entries.keys()].filter((k) => k.startsWith(options.prefix ?? '')).sort();
    const start = options.cursor ? Number(options.cursor) : 0;
    const size = Math.min(options.limit ?? this.pageSize, this.pageSize);
    const slice = names.slice(start, start + size);
    const complete = start + size >= names.length;
    return {
      keys: slice.map((name) => ({ name, metadata: this.entries.get(name)!.metadata })),
      list_complete: complete,
      cursor: complete ? undefined : String(start + size),
    };
  }

  asKV(): KVNamespace {
    return this as unknown as KVNamespace;
  }
}
