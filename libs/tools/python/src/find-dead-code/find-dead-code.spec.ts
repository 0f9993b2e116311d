import { readFileSync } from 'node:fs';
import { resultText, runTool, structured } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { findDeadCodeTool } from './find-dead-code.tool';

const file = (path: string) => ({ path, content: readFileSync(new URL(`./fixtures/${path}`, import.meta.url), 'utf8') });
const shop = [file('shop/models.py'), file('shop/service.py')];
const run = async (files: { path: string; content: string }[], options?: object) => structured<Envelope>(await runTool(findDeadCodeTool, { files, options }));
const lines = (env: Envelope) => env.findings.map((f) => `${f.location?.path}:${f.location?.line}: ${f.message}`);

describe('python_find_dead_code', () => {
  it("reports vulture's findings across files (a use in any file counts)", async () => {
    // Exactly what `vulture shop/` (2.7) prints for these fixtures.
    expect(lines(await run(shop))).toEqual([
      "shop/models.py:3: unused import 'uuid' (90% confidence)",
      "shop/models.py:10: unused attribute 'created' (60% confidence)",
      "shop/models.py:19: unused method 'archive' (60% confidence)",
      "shop/models.py:20: unused attribute 'archived_at' (60% confidence)",
      "shop/models.py:23: unused class 'LegacyProduct' (60% confidence)",
      "shop/models.py:27: unused variable 'currency' (100% confidence)",
      "shop/service.py:2: unused import 'json' (90% confidence)",
      "shop/service.py:11: unused function 'checkout' (60% confidence)",
      "shop/service.py:16: unreachable code after 'return' (100% confidence)",
      "shop/service.py:19: unused function 'export' (60% confidence)",
      "shop/service.py:20: unsatisfiable 'if' condition (100% confidence)",
      "shop/service.py:25: unused function '_internal_helper' (60% confidence)",
    ]);
  });

  it('counts getattr strings, uses in other files and __all__ as uses, and ignores _private arguments', async () => {
    const env = await run(shop);
    const names = env.findings.map((f) => f.name);
    expect(names).not.toContain('label');
    expect(names).not.toContain('make_product');
    expect(names).not.toContain('_unused');
    const withAll = await run([{ path: 'api.py', content: '__all__ = ["export"]\n\ndef export():\n    return 1\n' }]);
    expect(withAll.findings).toEqual([]);
  });

  it('reports one file alone differently: a function used only by another file becomes unused', async () => {
    const env = await run([file('shop/models.py')]);
    expect(env.findings.map((f) => f.name)).toContain('make_product');
  });

  it('filters by minConfidence and ignoreNames globs', async () => {
    expect((await run(shop, { minConfidence: 90 })).findings.map((f) => f.confidence)).toEqual([90, 100, 90, 100, 100]);
    expect((await run(shop, { minConfidence: 90 })).findings.map((f) => f.ruleId)).toEqual(['unused-import', 'unused-variable', 'unused-import', 'unreachable-code', 'unreachable-code']);
    const names = (await run(shop, { ignoreNames: ['arch*', 'Legacy?roduct'] })).findings.map((f) => f.name);
    expect(names).toEqual(['uuid', 'created', 'currency', 'json', 'checkout', 'return', 'export', 'if', '_internal_helper']);
  });

  it('fails on the first file that does not parse, naming it', async () => {
    const reply = await runTool(findDeadCodeTool, { files: [shop[0], { path: 'shop/broken.py', content: 'def f(:\n    pass\n' }] });
    expect(resultText(reply)).toBe("shop/broken.py: line 1, column 7: invalid syntax: unexpected ':'");
  });

  it('rejects files without a path, naming the field', async () => {
    const reply = await runTool(findDeadCodeTool, { files: [{ content: 'x = 1' }] });
    expect(resultText(reply)).toMatch(/^Invalid arguments: files\[0\]\.path/);
  });
});
