import { readFileSync } from 'node:fs';
import { runTool, resultText, structured } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { analyzeLockfileTool } from './analyze-lockfile.tool';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const run = async (content: string, options?: Record<string, unknown>) => structured<Envelope>(await runTool(analyzeLockfileTool, { content, options }));
type Metrics = { packageCount: number; format: string; formatVersion: string; duplicates: { name: string; versions: string[] }[]; maxDepth: number; deepestChain: string[] };

// The same project (express 4.17.1, lodash, minimist, debug, mocha 6) locked by each package manager.
const CLEAN = [
  ['package-lock.v1.json', 'package-lock', '1'],
  ['package-lock.v2.json', 'package-lock', '2'],
  ['package-lock.v3.json', 'package-lock', '3'],
  ['yarn.classic.lock', 'yarn-classic', '1'],
  ['yarn.berry.lock', 'yarn-berry', '8'],
  ['pnpm-lock.v6.yaml', 'pnpm', '6.0'],
  ['pnpm-lock.v9.yaml', 'pnpm', '9.0'],
] as const;

describe('node_analyze_lockfile', () => {
  it.each(CLEAN)('reads %s without findings', async (file, format, version) => {
    const env = await run(fixture(file));
    expect(env.findings).toEqual([]);
    const m = env.metrics as Metrics;
    expect(m.format).toBe(format);
    expect(m.formatVersion).toBe(version);
    // debug@2.6.9 (express) and debug@3.2.6 (mocha) are both installed in every format.
    expect(m.duplicates).toContainEqual({ name: 'debug', versions: ['2.6.9', '3.2.6'] });
    expect(m.maxDepth).toBeGreaterThanOrEqual(4);
    expect(m.deepestChain).toHaveLength(m.maxDepth);
  });

  it('counts one entry per installed copy', async () => {
    const v3 = fixture('package-lock.v3.json');
    const npmKeys = (v3.match(/^ {4}"node_modules\/[^"]+": \{/gm) ?? []).length;
    expect(((await run(v3)).metrics as Metrics).packageCount).toBe(npmKeys);
    const yarn = fixture('yarn.classic.lock');
    const blocks = (yarn.match(/^\S.*:$/gm) ?? []).length;
    expect(((await run(yarn)).metrics as Metrics).packageCount).toBe(blocks);
    const pnpm = fixture('pnpm-lock.v9.yaml');
    const pkgSection = pnpm.slice(pnpm.indexOf('\npackages:'), pnpm.indexOf('\nsnapshots:'));
    expect(((await run(pnpm)).metrics as Metrics).packageCount).toBe((pkgSection.match(/^ {2}\S.*:$/gm) ?? []).length);
  });

  it('starts the deepest chain at a direct dependency of the root', async () => {
    const m = (await run(fixture('package-lock.v3.json'))).metrics as Metrics;
    expect(['debug', 'express', 'lodash', 'minimist', 'mocha']).toContain(m.deepestChain[0].replace(/@[^@]+$/, ''));
  });

  it('reports non-https, foreign hosts and missing integrity in package-lock', async () => {
    const env = await run(fixture('package-lock.tampered.json'));
    expect(env.findings.map((f) => [f.ruleId, f.package, f.location?.line])).toEqual([
      ['validate-host', 'lodash@4.17.20', 1745],
      ['validate-https', 'minimist@1.2.0', 1844],
      ['validate-integrity', 'ms@2.0.0', 1929],
    ]);
    expect(env.findings[0].message).toContain('npm.pkg.internal-mirror.io');
  });

  it('applies the same validators to yarn.lock and pnpm-lock.yaml', async () => {
    const yarn = await run(fixture('yarn.tampered.lock'));
    expect(yarn.findings.map((f) => [f.ruleId, f.package])).toEqual([
      ['validate-host', 'lodash@4.17.20'],
      ['validate-https', 'minimist@1.2.0'],
    ]);
    const pnpm = await run(fixture('pnpm-lock.tampered.yaml'));
    expect(pnpm.findings.map((f) => [f.ruleId, f.package])).toEqual([
      ['validate-host', 'lodash@4.17.20'],
      ['validate-https', 'lodash@4.17.20'],
      ['validate-integrity', 'lodash@4.17.20'],
    ]);
  });

  it('honours allowedHosts and allowedSchemes', async () => {
    const env = await run(fixture('package-lock.tampered.json'), { allowedHosts: ['npm', 'npm.pkg.internal-mirror.io'], allowedSchemes: ['https:', 'http:'] });
    expect(env.findings.map((f) => f.ruleId)).toEqual(['validate-integrity']);
  });

  it('reports a JSON syntax error with line and column', async () => {
    const broken = fixture('package-lock.v3.json').replace('"version": "1.3.8",', '"version": "1.3.8"');
    const reply = await runTool(analyzeLockfileTool, { content: broken });
    expect(reply.isError).toBe(true);
    expect(resultText(reply)).toMatch(/^line 2[0-9], column \d+: Expected ',' or '}'/);
  });

  it('reports a broken yarn.lock line', async () => {
    const broken = fixture('yarn.classic.lock').replace('  version "1.3.8"', '\tversion "1.3.8"');
    const reply = await runTool(analyzeLockfileTool, { content: broken });
    expect(resultText(reply)).toBe('line 6, column 1: Tabs are not allowed for indentation');
  });

  it('names the invalid option', async () => {
    const reply = await runTool(analyzeLockfileTool, { content: '{}', options: { allowedHosts: 'npm' } });
    expect(resultText(reply)).toMatch(/^Invalid arguments: options\.allowedHosts/);
  });
});
