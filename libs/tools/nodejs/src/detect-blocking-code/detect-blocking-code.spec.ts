import { readFileSync } from 'node:fs';
import { runTool, resultText, structured } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { detectBlockingCodeTool } from './detect-blocking-code.tool';
import { analyzeRegex } from './regex-safety';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const run = async (args: Record<string, unknown>) => structured<Envelope>(await runTool(detectBlockingCodeTool, args));
const rows = (env: Envelope) => env.findings.map((f) => `${f.location?.line} ${f.ruleId}${f.callee ? ` ${f.callee}` : ''}${f.complexity ? ` ${f.complexity}` : ''}`);

describe('node_detect_blocking_code', () => {
  it('finds every blocking pattern of an Express service, and allows top-level sync reads', async () => {
    const env = await run({ content: fixture('upload-service.js') });
    expect(rows(env)).toEqual([
      '11 redos exponential',
      '17 no-sync crypto.pbkdf2Sync',
      '23 no-sync fs.readFileSync',
      '31 no-await-in-loop',
      '32 no-sync execSync',
      '39 unbounded-promise-all Promise.all',
      '49 json-parse-without-limit JSON.parse',
      '51 redos polynomial',
    ]);
    const sync = env.findings.find((f) => f.callee === 'crypto.pbkdf2Sync')!;
    expect(sync.message).toBe('crypto.pbkdf2Sync() is a synchronous crypto call inside a callback passed to app.post; it blocks the event loop while it runs');
    expect(env.findings.find((f) => f.ruleId === 'unbounded-promise-all')!.message).toContain('req.body.urls');
    expect(env.findings.find((f) => f.ruleId === 'redos')!.severity).toBe('error');
  });

  it('understands fetch-style handlers: request.text(), limiters, slices and for await', async () => {
    const env = await run({ files: [{ path: 'src/worker.ts', content: fixture('worker-handler.ts') }] });
    expect(rows(env)).toEqual([
      '16 json-parse-without-limit JSON.parse',
      '22 unbounded-promise-all Promise.allSettled',
      '25 no-await-in-loop',
    ]);
    expect(env.findings[0].location?.path).toBe('src/worker.ts');
    expect(env.findings[0].message).toContain('request.text()');
  });

  it('is silent on code that does the same work without blocking', async () => {
    expect((await run({ content: fixture('clean-service.ts') })).findings).toEqual([]);
  });

  it('follows ESLint no-await-in-loop boundaries', async () => {
    const code = [
      'async function a(items) {',
      '  for (const i of items) items.forEach(async (x) => { await x; });',
      '  while (await next()) {}',
      '  for (let i = 0; i < 3; i++) { const f = async () => await g(i); }',
      '  for await (const x of stream()) { await handle(x); }',
      '}',
    ].join('\n');
    expect(rows(await run({ content: code }))).toEqual(['3 no-await-in-loop']);
  });

  it('classifies regexes like the ReDoS checkers', () => {
    for (const p of ['(a+)+$', '^(\\w+\\s?)*$', '(a|ab)*c', '^(\\d|\\w)+$', '(x+x+)+y', '^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$']) {
      expect([p, analyzeRegex(p).complexity]).toEqual([p, 'exponential']);
    }
    for (const p of ['^\\s*(.*?)\\s*$', '\\d+\\.?\\d+x', '^.*=.*$']) expect([p, analyzeRegex(p).complexity]).toEqual([p, 'polynomial']);
    for (const p of ['^[a-z0-9]+(?:-[a-z0-9]+)*$', '^(\\d+,)+$', '^\\w+@\\w+\\.com$', '^(?:a|b)+$', '[A-Z]{2}\\d{4}']) expect([p, analyzeRegex(p).complexity]).toEqual([p, 'safe']);
  });

  it('checks new RegExp with a constant pattern', async () => {
    const env = await run({ content: "const re = new RegExp('^(a+)+$', 'i');\nconst ok = RegExp(`^[0-9]+$`);\nconst dyn = new RegExp(userInput);\n" });
    expect(rows(env)).toEqual(['1 redos exponential']);
  });

  it('reports a syntax error with line and column', async () => {
    const reply = await runTool(detectBlockingCodeTool, { content: 'app.get("/", async (req, res) => {\n  await\n});\n' });
    expect(reply.isError).toBe(true);
    expect(resultText(reply)).toMatch(/^line 3, column \d+: /);
    const multi = await runTool(detectBlockingCodeTool, { files: [{ path: 'ok.js', content: 'x()' }, { path: 'bad.js', content: 'let = ;' }] });
    expect(resultText(multi)).toMatch(/^bad\.js: line 1, column \d+: /);
  });

  it('names the invalid field', async () => {
    expect(resultText(await runTool(detectBlockingCodeTool, {}))).toMatch(/^Invalid arguments: content: give exactly one of content or files/);
    expect(resultText(await runTool(detectBlockingCodeTool, { files: [{ path: 1, content: '' }] }))).toMatch(/^Invalid arguments: files\[0\]\.path: /);
  });
});
