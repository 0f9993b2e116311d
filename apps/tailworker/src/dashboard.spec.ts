import { handleQuery } from './routes';
import { MemoryKV } from './memory-kv';

describe('GET /admin/dashboard', () => {
  it('is one self-contained HTML page under a CSP that forbids anything external', async () => {
    const res = await handleQuery(new Request('http://tail/admin/dashboard'), new MemoryKV().asKV(), 600);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/connect-src 'self'/);
    const html = await res.text();
    const nonce = /script-src 'nonce-([0-9a-f]+)'/.exec(csp)![1];
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)="(?!data:)/i);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html).not.toMatch(/innerHTML|insertAdjacentHTML|document\.write/);
    for (const id of ['health', 'req', 'err', 'slow', 'errors', 'trace', 'tail']) expect(html).toContain(`id="${id}"`);
  });
});
