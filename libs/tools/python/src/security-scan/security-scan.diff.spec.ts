import { agreement, anchorAvailable, corpus, printAgreement, read, run } from '../shared/testing/anchors';
import { parsePython } from '../shared/parse';
import { scanModule } from './security-scan.tool';

const RULES = ['B101', 'B105', 'B106', 'B301', 'B302', 'B303', 'B307', 'B324', 'B501', 'B506', 'B602', 'B605', 'B608'];

// bandit (Debian 1.6.2 on Python 3.11) on real-world packages. Keys: rule|file:line.
// bandit 1.6.2 files hashlib.md5/sha1 under B303 where 1.7+ (and the contract) use B324, and
// reports exec() as B102 where the contract uses B307: both are mapped before comparing.
describe('python_security_scan vs bandit', () => {
  it('agrees per rule on real-world files', () => {
    if (!anchorAvailable('bandit', 'bandit')) return;
    const files = corpus(['pip/_internal', 'pip/_vendor/requests', 'pip/_vendor/distlib', 'setuptools/_distutils', 'bandit', 'radon', 'pylint/lint', 'jinja2', 'babel/messages', 'yaml'], 200);
    const report = JSON.parse(run('bandit', ['-f', 'json', '-q', ...files]) || '{"results":[]}') as { results: { test_id: string; filename: string; line_number: number; code: string }[] };
    const theirs = new Set<string>();
    for (const r of report.results) {
      let id = r.test_id;
      if (id === 'B303' && !/Crypto|cryptography|hashes\./.test(r.code)) id = 'B324';
      if (id === 'B102') id = 'B307';
      if (RULES.includes(id)) theirs.add(`${id}|${r.filename}:${r.line_number}`);
    }
    const ours = new Set<string>();
    for (const file of files) for (const f of scanModule(parsePython(read(file), file))) ours.add(`${f.ruleId}|${file}:${f.location!.line}`);
    const rows = agreement(RULES, ours, theirs);
    printAgreement('bandit', files.length, rows);
    const b101 = rows.find((r) => r.rule === 'B101')!;
    expect(b101.both).toBeGreaterThan(0);
    expect(b101.onlyAnchor + b101.onlyOurs).toBeLessThanOrEqual(Math.ceil(b101.both * 0.05));
  });
});
