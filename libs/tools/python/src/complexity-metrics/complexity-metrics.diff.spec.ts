import { anchorAvailable, corpus, read, run } from '../shared/testing/anchors';
import { parsePython } from '../shared/parse';
import { complexity } from './cc';
import { rawMetrics } from './raw';
import { halstead } from './halstead';
import { maintainabilityIndex } from './complexity-metrics.tool';

// radon (Debian 5.1) on real-world packages: cc blocks by (file, line, name, complexity), raw
// counts per file, MI per file within 0.5, Halstead h1/h2/N1/N2 per file.
describe('python_complexity_metrics vs radon', () => {
  it('agrees on blocks, raw metrics, MI and Halstead', () => {
    if (!anchorAvailable('radon', 'radon')) return;
    const files = corpus(['radon', 'vulture', 'pyflakes', 'bandit/core', 'jinja2', 'click'], 120);
    const cc = JSON.parse(run('radon', ['cc', '-j', ...files])) as Record<string, { type: string; name: string; classname?: string; lineno: number; complexity: number; methods?: unknown }[]>;
    const raw = JSON.parse(run('radon', ['raw', '-j', ...files])) as Record<string, Record<string, number>>;
    const mi = JSON.parse(run('radon', ['mi', '-j', ...files])) as Record<string, { mi: number }>;
    const hal = JSON.parse(run('radon', ['hal', '-j', ...files])) as Record<string, { total: number[] }>;
    let blocks = 0, blocksEqual = 0, rawEqual = 0, miClose = 0, halEqual = 0, n = 0;
    const mismatches: string[] = [];
    for (const file of files) {
      if (!Array.isArray(cc[file])) continue;
      n++;
      const src = read(file);
      const m = parsePython(src, file);
      const c = complexity(m);
      const ours = new Set(c.blocks.map((b) => `${b.line}|${b.name}|${b.complexity}`));
      for (const b of cc[file]) {
        blocks++;
        const name = b.type === 'method' ? `${b.classname}.${b.name}` : b.name;
        if (ours.has(`${b.lineno}|${name}|${b.complexity}`)) blocksEqual++;
        else if (mismatches.length < 5) mismatches.push(`${file}:${b.lineno} ${name} radon=${b.complexity}`);
      }
      const r = rawMetrics(src);
      const t = raw[file];
      if (r.loc === t.loc && r.lloc === t.lloc && r.sloc === t.sloc && r.comments === t.comments && r.multi === t.multi && r.blank === t.blank && r.singleComments === t.single_comments) rawEqual++;
      const h = halstead(m);
      const total = hal[file]?.total ?? [];
      if (total[0] === h.h1 && total[1] === h.h2 && total[2] === h.N1 && total[3] === h.N2) halEqual++;
      const ourMi = maintainabilityIndex(h.volume, c.total, r.lloc, r.sloc ? ((r.comments + r.multi) / r.sloc) * 100 : 0);
      if (Math.abs(ourMi - mi[file].mi) < 0.5) miClose++;
    }
    console.log(`radon on ${n} files: cc blocks ${blocksEqual}/${blocks}, raw ${rawEqual}/${n}, mi ${miClose}/${n}, halstead ${halEqual}/${n}\n${mismatches.join('\n')}`);
    expect(blocksEqual / blocks).toBeGreaterThan(0.99);
    expect(rawEqual / n).toBeGreaterThan(0.95);
    expect(miClose / n).toBeGreaterThan(0.9);
    expect(halEqual / n).toBeGreaterThan(0.8);
  });
});
