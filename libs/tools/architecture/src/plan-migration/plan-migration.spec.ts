import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
import { runTool, resultText, structured } from '@mcp/core-protocol/testing';
import type { Envelope, Finding } from '@mcp/core-response';
import { planMigrationTool } from './plan-migration.tool';

function loadProject(dir: URL): { path: string; content: string }[] {
  const root = fileURLToPath(dir);
  const out: { path: string; content: string }[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push({ path: relative(root, p), content: readFileSync(p, 'utf8') });
    }
  };
  walk(root);
  return out;
}

const legacy = loadProject(new URL('./fixtures/legacy-cjs/', import.meta.url));
const brief = (fs: Finding[]) => fs.map((f) => `${f.ruleId}@${f.location?.path}:${f.location?.line}`);
type Wave = { wave: number; modules: string[]; effort: { files: number; lines: number } };

describe('arch_plan_migration', () => {
  it('plans cjs-to-esm leaf-first with the cycle as one step, and lists the blockers', async () => {
    const env = structured<Envelope>(await runTool(planMigrationTool, { files: legacy, target: 'cjs-to-esm' }));
    const waves = env.artifacts?.waves as Wave[];
    expect(waves.map((w) => [w.wave, w.modules])).toEqual([
      // plugins/index.js loads plugins by computed require: no static edge, so it is a leaf
      [1, ['lib/defaults.json', 'lib/handlers.js', 'lib/router.js', 'lib/plugins/gzip.js', 'lib/plugins/index.js']],
      [2, ['lib/config.js', 'lib/server.js']],
      [3, ['index.js']],
    ]);
    const lines = (p: string) => legacy.find((f) => f.path === p)!.content.split('\n').length;
    expect(waves[1].effort).toEqual({ files: 2, lines: lines('lib/config.js') + lines('lib/server.js') });
    expect(brief(env.findings)).toEqual([
      'dirname-usage@index.js:6',
      'dynamic-require@lib/config.js:5',
      'cycle@lib/handlers.js:3',
      'dynamic-require@lib/plugins/index.js:4',
      'require-cache@lib/plugins/index.js:5',
      'require-cache@lib/plugins/index.js:5',
    ]);
    expect(env.findings.find((f) => f.ruleId === 'cycle')?.message).toBe('lib/handlers.js, lib/router.js import each other and must migrate in one step (wave 1)');
  });

  it('reports js-to-ts blockers', async () => {
    const env = structured<Envelope>(await runTool(planMigrationTool, { files: legacy, target: 'js-to-ts' }));
    expect(brief(env.findings)).toEqual(['cycle@lib/handlers.js:3', 'eval-usage@lib/plugins/index.js:9', 'prototype-mutation@lib/router.js:7']);
  });

  it('plans service extraction with crossings, cross-service cycles and ungrouped files', async () => {
    const grouping = { web: ['index.js', 'lib/server.js', 'lib/router.js'], core: ['lib/handlers.js', 'lib/config.js', 'lib/*.json'], plugins: ['lib/plugins/**'] };
    const env = structured<Envelope>(await runTool(planMigrationTool, { files: legacy, target: 'monolith-to-services', options: { grouping } }));
    expect(brief(env.findings)).toEqual(['cross-service-cycle@lib/handlers.js:3', 'cycle@lib/handlers.js:3']);
    expect(env.artifacts?.crossings).toEqual([
      { from: 'core', to: 'web', count: 1, edges: [{ from: 'lib/handlers.js', to: 'lib/router.js' }] },
      { from: 'web', to: 'core', count: 2, edges: [{ from: 'index.js', to: 'lib/config.js' }, { from: 'lib/router.js', to: 'lib/handlers.js' }] },
      { from: 'web', to: 'plugins', count: 1, edges: [{ from: 'lib/server.js', to: 'lib/plugins/index.js' }] },
    ]);
    const partial = structured<Envelope>(await runTool(planMigrationTool, { files: legacy, target: 'monolith-to-services', options: { grouping: { web: ['index.js', 'lib/**'] } } }));
    expect(brief(partial.findings)).toEqual(['cycle@lib/handlers.js:3']);
    const missing = structured<Envelope>(await runTool(planMigrationTool, { files: legacy, target: 'monolith-to-services', options: { grouping: { web: ['lib/**'] } } }));
    expect(brief(missing.findings)).toContain('ungrouped-file@index.js:1');
  });

  it('plans from a madge JSON graph', async () => {
    const content = JSON.stringify({ 'a.js': ['b.js', 'c.js'], 'b.js': ['c.js'], 'c.js': [] });
    const env = structured<Envelope>(await runTool(planMigrationTool, { content, target: 'js-to-ts' }));
    expect((env.artifacts?.waves as Wave[]).map((w) => w.modules)).toEqual([['c.js'], ['b.js'], ['a.js']]);
  });

  it('rejects unknown targets, a missing grouping and unparsable files', async () => {
    expect(resultText(await runTool(planMigrationTool, { files: legacy, target: 'cobol-to-java' }))).toMatch(/^Invalid arguments: target:/);
    expect(resultText(await runTool(planMigrationTool, { files: legacy, target: 'monolith-to-services' }))).toMatch(/^options\.grouping is required/);
    expect(resultText(await runTool(planMigrationTool, { files: [{ path: 'a.js', content: 'module.exports = {\n  a: 1,,\n};' }], target: 'js-to-ts' }))).toBe('a.js: line 2, column 8: Unexpected token');
  });
});
