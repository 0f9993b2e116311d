import { agreement, anchorAvailable, corpus, printAgreement, read, run } from '../shared/testing/anchors';
import { parsePython } from '../shared/parse';
import { lintModule } from './lint-code.tool';

const MESSAGES: [RegExp, string][] = [
  [/^'(.+)' imported but unused$/, 'F401'],
  [/^redefinition of unused '(.+)' from line \d+$/, 'F811'],
  [/^undefined name '(.+)'$/, 'F821'],
  [/^local variable '(.+)' is assigned to but never used$/, 'F841'],
];

// pyflakes3 (Debian) on the pure-Python packages installed with the anchors. F401 is keyed by
// file and import name (pyflakes reports a multi-line import at its first line, we at the
// name); the others by file, line and name.
describe('python_lint_code vs pyflakes', () => {
  it('agrees per rule on real-world files', () => {
    if (!anchorAvailable('pyflakes3', 'pyflakes3')) return;
    const files = corpus(['pyflakes', 'radon', 'vulture', 'bandit', 'pylint/checkers', 'astroid', 'mccabe.py'], 300);
    const theirs = new Set<string>();
    for (const line of run('pyflakes3', files).split('\n')) {
      const m = /^(.+?):(\d+):\d+:? (.*)$/.exec(line);
      if (!m) continue;
      for (const [re, rule] of MESSAGES) {
        const n = re.exec(m[3]);
        if (n) theirs.add(rule === 'F401' ? `${rule}|${m[1]}|${n[1]}` : `${rule}|${m[1]}:${m[2]}|${n[1]}`);
      }
    }
    const ours = new Set<string>();
    for (const file of files) {
      for (const f of lintModule(parsePython(read(file), file))) {
        if (!f.ruleId.startsWith('F')) continue;
        ours.add(f.ruleId === 'F401' ? `F401|${file}|${f.name}` : `${f.ruleId}|${file}:${f.location!.line}|${f.name}`);
      }
    }
    const rows = agreement(['F401', 'F811', 'F821', 'F841'], ours, theirs);
    printAgreement('pyflakes3', files.length, rows);
    const f401 = rows[0];
    expect(f401.both).toBeGreaterThan(0);
    // Imports under try/except ImportError count as used by contract: the only allowed F401 gap.
    expect(f401.onlyOurs).toBeLessThanOrEqual(Math.ceil(f401.both * 0.05));
    expect(f401.both / (f401.both + f401.onlyAnchor)).toBeGreaterThan(0.85);
    const f841 = rows[3];
    expect(f841.onlyOurs).toBeLessThanOrEqual(Math.ceil(f841.both * 0.1));
  });
});
