import { relative } from 'node:path';
import { agreement, anchorAvailable, corpus, DIST, printAgreement, read, run } from '../shared/testing/anchors';
import { findDeadCode } from './find-dead-code.tool';

const TYPES: Record<string, string> = { import: 'unused-import', function: 'unused-function', class: 'unused-class', method: 'unused-method', property: 'unused-property', attribute: 'unused-attribute', variable: 'unused-variable' };

// vulture (Debian 2.7) on whole packages, all files at once (a use in any file counts).
// Keys: rule|file:line|name. vulture's bundled whitelists (ast visitors, ctypes, ...) are not
// reproduced, so its findings are a subset of ours in packages that use those modules.
describe('python_find_dead_code vs vulture', () => {
  it('agrees per item type on real-world packages', () => {
    if (!anchorAvailable('vulture', 'vulture')) return;
    const theirs = new Set<string>();
    const ours = new Set<string>();
    let count = 0;
    for (const pkg of ['click', 'jinja2', 'babel/messages', 'radon', 'vulture']) {
      const files = corpus([pkg], 200);
      count += files.length;
      for (const line of run('vulture', files).split('\n')) {
        const m = /^(.+?):(\d+): (unused (\w+) '(.+)'|unreachable code after '(\w+)'|unsatisfiable '(\w+)' condition|unreachable 'else' (?:block|expression)|redundant if-condition) \((\d+)% confidence\)$/.exec(line);
        if (!m) continue;
        const rule = m[4] ? TYPES[m[4]] : 'unreachable-code';
        theirs.add(`${rule}|${relative(DIST, m[1])}:${m[2]}|${m[5] ?? ''}`);
      }
      for (const item of findDeadCode(files.map((f) => ({ path: f, content: read(f) })))) {
        const rule = item.type === 'unreachable_code' ? 'unreachable-code' : TYPES[item.type];
        ours.add(`${rule}|${relative(DIST, item.path)}:${item.line}|${item.type === 'unreachable_code' ? '' : item.name}`);
      }
    }
    const rows = agreement([...Object.values(TYPES), 'unreachable-code'], ours, theirs);
    printAgreement('vulture', count, rows);
    const total = rows.reduce((s, r) => s + r.both, 0);
    const missed = rows.reduce((s, r) => s + r.onlyAnchor, 0);
    const extra = rows.reduce((s, r) => s + r.onlyOurs, 0);
    expect(total).toBeGreaterThan(100);
    expect(missed).toBeLessThanOrEqual(Math.ceil(total * 0.02));
    expect(extra).toBeLessThanOrEqual(Math.ceil(total * 0.1));
  });
});
