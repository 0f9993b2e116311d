import { readdirSync, readFileSync } from 'node:fs';
import { fastLoad } from './fast-yaml';
import { loadWithYamlPackage, isRecord, type PathSeg, type YamlDoc } from './load-yaml';
import { loadYaml } from './load-yaml';
import { composeOfLines, k8sManifestsOfLines } from '../../../bench/inputs';

/** Every YAML file the lib's specs use, plus the bench inputs. */
function corpus(): [string, string][] {
  const out: [string, string][] = [];
  for (const dir of ['../../lint-compose/fixtures/', '../../lint-compose/fixtures/awesome-compose/', '../../lint-k8s-manifests/fixtures/', '../../validate-k8s-schema/fixtures/', '../../audit-k8s-rbac/fixtures/', '../../analyze-k8s-resources/fixtures/', '../../compose-to-k8s/fixtures/']) {
    const url = new URL(dir, import.meta.url);
    for (const f of readdirSync(url)) if (/\.ya?ml$/.test(f)) out.push([dir + f, readFileSync(new URL(f, url), 'utf8')]);
  }
  out.push(['bench k8s', k8sManifestsOfLines(400)], ['bench compose', composeOfLines(400)]);
  return out;
}

function paths(v: unknown, prefix: PathSeg[] = [], out: PathSeg[][] = [], depth = 0): PathSeg[][] {
  if (depth > 20) return out;
  if (Array.isArray(v)) v.forEach((x, i) => { out.push([...prefix, i]); paths(x, [...prefix, i], out, depth + 1); });
  else if (isRecord(v)) for (const [k, x] of Object.entries(v)) { out.push([...prefix, k]); paths(x, [...prefix, k], out, depth + 1); }
  return out;
}

describe('fast YAML reader', () => {
  const files = corpus();

  it('handles every fixture without falling back', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.filter(([, text]) => fastLoad(text) === null).map(([name]) => name)).toEqual([]);
  });

  it.each(files)('agrees with the yaml package on values and key positions: %s', (_name, text) => {
    const fast = loadYaml(text);
    const slow = loadWithYamlPackage(text);
    expect(fast.map((d) => [d.index, d.line])).toEqual(slow.map((d) => [d.index, d.line]));
    expect(fast.map((d) => d.value)).toEqual(slow.map((d) => d.value));
    fast.forEach((d: YamlDoc, k) => {
      for (const p of paths(d.value)) expect([p, d.position(p)]).toEqual([p, slow[k].position(p)]);
    });
  });

  it.each([
    ['scalars', 'a: 1\nb: 1.5\nc: true\nd: ~\ne: "x\\ty"\nf: \'it\'\'s\'\ng: 0x1F\nh: 1e3\ni: yes\nj: .inf\nk: -5\nl: 2024-01-01\nm: 0755\nn: "\\u00e9\\x41"\n'],
    ['block scalars', 'a: |\n  line1\n  line2\n\nb: >-\n  folded\n  text\n\n  para\nc: |+\n  keep\n\nd: x\n'],
    ['quoted across lines', 'a: "one\n  two\n\n  three"\nb: \'x\n  y\'\n'],
    ['anchors and merge keys', 'base: &b\n  x: 1\n  y: 2\nderived:\n  <<: *b\n  y: 3\nlist: [*b, {z: 1}]\n'],
    ['nested sequences and compact maps', 'a:\n- - 1\n  - 2\n- k: v\n  l: w\n-\n  m: n\n'],
    ['flow across lines', 'args: [\n  "--port", 8080,\n  --verbose ]\nmap: {a: 1,\n  b: [x, y]}\n'],
    ['documents', '# c\n---\na: 1\n...\n---\n---\nb: 2\n'],
  ])('matches the yaml package on %s', (_name, text) => {
    expect(fastLoad(text)).not.toBeNull();
    expect(loadYaml(text).map((d) => d.value)).toEqual(loadWithYamlPackage(text).map((d) => d.value));
  });

  it.each([
    ['a tag', 'a: !!str 1\n'],
    ['a multi-line plain scalar', 'a: one\n  two\n'],
    ['a complex key', '? a\n: b\n'],
    ['a syntax error', 'a: [1, 2\n'],
    ['tabs in indentation', 'a:\n\tb: 1\n'],
    ['a sequence on the key line', 'a: - 1\n'],
  ])('falls back to the yaml package on %s', (_name, text) => {
    expect(fastLoad(text)).toBeNull();
  });
});
