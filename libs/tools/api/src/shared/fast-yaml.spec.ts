import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSource, type SourceDoc } from './source';
import { Unsupported } from './fast-yaml';
import { readFixture, repoRoot } from '../testing/anchor';
import { openApiOfLines } from '../../bench/inputs';

/** Every member's line and column, walked in document order. */
function positions(doc: SourceDoc): string[] {
  const out: string[] = [];
  const visit = (node: unknown, path: string) => {
    if (node === null || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      const key = Array.isArray(node) ? Number(k) : k;
      const p = doc.member(node, key);
      out.push(`${path}/${k}@${p?.line}:${p?.column}`);
      visit(v, `${path}/${k}`);
    }
  };
  visit(doc.value, '');
  return out;
}

const corpus: [string, string][] = [];
const examples = join(repoRoot, 'node_modules/@readme/oas-examples');
for (const dir of ['3.0/yaml', '3.1/yaml']) {
  try {
    for (const f of readdirSync(join(examples, dir))) if (f.endsWith('.yaml')) corpus.push([`${dir}/${f}`, readFileSync(join(examples, dir, f), 'utf8')]);
  } catch {
    /* @readme/oas-examples not installed: the fixtures below still run */
  }
}
corpus.push(['blockfrost-0.1.93', readFixture(new URL('../diff-openapi/fixtures/blockfrost-0.1.93.openapi.yaml.gz', import.meta.url))]);
for (const dir of ['../lint-openapi/fixtures', '../security-audit/fixtures', '../diff-openapi/fixtures']) {
  const base = new URL(`${dir}/`, import.meta.url);
  for (const f of readdirSync(base)) if (f.endsWith('.yaml') && !f.startsWith('broken')) corpus.push([f, readFileSync(new URL(f, base), 'utf8')]);
}
corpus.push(['bench', openApiOfLines(2000)]);

describe('fast YAML reader', () => {
  it.each(corpus)('reads %s exactly as the yaml package does (values and positions)', (_name, text) => {
    let fast: SourceDoc;
    try {
      fast = parseSource(text, undefined, 'fast');
    } catch (error) {
      if (error instanceof Unsupported) return; // falls back to the yaml package: nothing to compare
      throw error;
    }
    const slow = parseSource(text, undefined, 'yaml');
    expect(fast.value).toEqual(slow.value);
    expect(positions(fast)).toEqual(positions(slow));
  });

  it('handles the real documents in the corpus itself, not by falling back', () => {
    const handled = corpus.filter(([, text]) => {
      try {
        parseSource(text, undefined, 'fast');
        return true;
      } catch {
        return false;
      }
    });
    expect(handled.length / corpus.length).toBeGreaterThan(0.7);
    expect(handled.map(([n]) => n)).toEqual(expect.arrayContaining(['blockfrost-0.1.93', 'bench', 'orders-problems.yaml', 'legacy-insecure.yaml']));
  });

  it.each([
    ['block scalars', 'a: |\n  one\n  two\n\nb: >-\n  folded\n  text\n\n  para\nc: |+\n  keep\n\nd: x\n'],
    ['scalars', "n: ~\nt: true\ni: -12\nf: 1.5e3\nh: 0x1F\ns: '1.0'\nq: \"a\\tb \\u00e9\"\ne: ''\nv: 2.0\nk: it's # comment\n"],
    ['flow', "a: [1, 'two', {b: c, d: [e]}]\nb: {}\nc: []\n"],
    ['compact sequences', 'a:\n- x\n- y: 1\n  z: 2\n-\n  - nested\nb: end\n'],
  ])('agrees with the yaml package on %s', (_name, text) => {
    let fast: SourceDoc;
    try {
      fast = parseSource(text, undefined, 'fast');
    } catch (error) {
      if (error instanceof Unsupported) return;
      throw error;
    }
    const slow = parseSource(text, undefined, 'yaml');
    expect(fast.value).toEqual(slow.value);
    expect(positions(fast)).toEqual(positions(slow));
  });

  it('leaves anchors, tags and syntax errors to the yaml package', () => {
    for (const text of ['a: &x 1\nb: *x\n', 'a: !!str 1\n', 'a: [1,\n  2]\n', 'a: b: c\n', 'a: 1\na: 2\n']) {
      expect(() => parseSource(text, undefined, 'fast')).toThrow(Unsupported);
    }
  });
});
