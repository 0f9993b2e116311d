import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { runTool, structured } from '@mcp/core-protocol/testing';
import { complexityReport } from './complexity-report.tool';

// Differential test against escomplex (typhonjs-escomplex): Halstead length and vocabulary per
// function, on npm-shipped code. Operator/operand classification follows escomplex's.
const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const CORPUS = ['node_modules/semver/classes/semver.js', 'node_modules/semver/classes/range.js', 'node_modules/semver/classes/comparator.js', 'node_modules/pino/lib/tools.js', 'node_modules/ws/lib/receiver.js'].filter((p) => existsSync(root + p));
const available = existsSync(`${root}node_modules/typhonjs-escomplex/package.json`);
if (!available) console.warn('Halstead differential test skipped: typhonjs-escomplex is not installed');

interface EscMethod {
  lineStart: number;
  halstead: { length: number; vocabulary: number };
}

(available ? describe : describe.skip)('Halstead measures agree with escomplex', () => {
  it('per function', async () => {
    const escomplex = createRequire(import.meta.url)('typhonjs-escomplex') as { analyzeModule(src: string): { methods: EscMethod[]; classes: Array<{ methods: EscMethod[] }> } };
    let exact = 0;
    let close = 0;
    let total = 0;
    const diffs: string[] = [];
    for (const p of CORPUS) {
      const src = readFileSync(root + p, 'utf8');
      const report = escomplex.analyzeModule(src);
      const theirs = [...report.methods, ...report.classes.flatMap((c) => c.methods)];
      const ours = structured<{ metrics: { functions: Array<{ name: string; line: number; halstead: { length: number; vocabulary: number } }> } }>(await runTool(complexityReport, { content: src })).metrics.functions;
      for (const t of theirs) {
        const o = ours.filter((f) => f.line === t.lineStart);
        if (o.length !== 1) continue; // several functions on one line: ambiguous
        total++;
        const h = o[0].halstead;
        if (h.length === t.halstead.length && h.vocabulary === t.halstead.vocabulary) exact++;
        if (Math.abs(h.length - t.halstead.length) <= Math.max(2, t.halstead.length * 0.1)) close++;
        else diffs.push(`${p}:${t.lineStart} ${o[0].name} length ${h.length} vs ${t.halstead.length}, vocabulary ${h.vocabulary} vs ${t.halstead.vocabulary}`);
      }
    }
    console.log(`Halstead vs escomplex: ${exact}/${total} functions exact, ${close}/${total} within 10% in length\n${diffs.slice(0, 10).join('\n')}`);
    expect(total).toBeGreaterThan(30);
    expect(close / total).toBeGreaterThan(0.8);
  }, 120000);
});
