import { constantTimeEqual } from './admin';

/**
 * Optional API keys. `API_KEYS` (a secret) holds JSON: `[{ "name": "ci", "sha256": "<hex of
 * the key>", "categories": ["docker", "api"] }]` ("*" for all). Only hashes are stored; the
 * presented key is hashed and compared in constant time. Without API_KEYS the gateway is open.
 */
export interface ApiKey {
  name: string;
  sha256: string;
  categories: string[];
}

export type Access = { ok: true; key?: ApiKey } | { ok: false; response: Response };

export function parseApiKeys(raw: string | undefined): ApiKey[] | undefined {
  if (!raw) return undefined;
  const keys = JSON.parse(raw) as ApiKey[];
  if (!Array.isArray(keys) || keys.some((k) => typeof k.name !== 'string' || !/^[0-9a-f]{64}$/.test(k.sha256) || !Array.isArray(k.categories))) {
    throw new Error('API_KEYS must be a JSON array of {name, sha256 (64 hex digits), categories}');
  }
  return keys;
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function authenticate(request: Request, keys: ApiKey[] | undefined): Promise<Access> {
  if (!keys) return { ok: true };
  const presented = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  if (presented) {
    const hash = await sha256Hex(presented);
    let match: ApiKey | undefined;
    // Compare against every key, so timing does not tell how many keys exist or which matched.
    for (const key of keys) if ((await constantTimeEqual(hash, key.sha256)) && !match) match = key;
    if (match) return { ok: true, key: match };
  }
  return {
    ok: false,
    response: Response.json(
      { jsonrpc: '2.0', id: null, error: { code: -32001, message: presented ? 'Invalid API key' : 'An API key is required (Authorization: Bearer <key>)' } },
      { status: 401, headers: { 'www-authenticate': 'Bearer realm="mcp"' } },
    ),
  };
}

export function mayUse(categories: readonly string[] | undefined, category: string): boolean {
  return !categories || categories.includes('*') || categories.includes(category);
}
