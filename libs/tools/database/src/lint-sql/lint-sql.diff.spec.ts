import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runTool, structured } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { lintSqlTool } from './lint-sql.tool';

/**
 * Differential test against Debian's sqlfluff (1.4.x, which still reports the pre-2.0 codes
 * L001…L066; they are mapped to today's codes here). Per rule it prints what sqlfluff finds
 * that we miss and what we report that it does not (the README records the result), and it
 * asserts exact agreement for the rules listed in AGREE.
 */
const OLD_TO_NEW: Record<string, string> = {
  L001: 'LT01', L003: 'LT02', L004: 'LT02', L005: 'LT01', L006: 'LT01', L007: 'LT03', L008: 'LT01', L009: 'LT12', L010: 'CP01', L011: 'AL01',
  L012: 'AL02', L013: 'AL03', L014: 'CP02', L015: 'ST08', L016: 'LT05', L017: 'LT06', L018: 'LT07', L019: 'LT04', L020: 'AL04', L021: 'AM01',
  L022: 'LT08', L023: 'LT01', L024: 'LT01', L025: 'AL05', L030: 'CP03', L032: 'ST07', L033: 'AM02', L034: 'ST06', L035: 'ST01', L036: 'LT09',
  L037: 'AM03', L038: 'CV03', L039: 'LT01', L040: 'CP04', L041: 'LT10', L042: 'ST05', L043: 'ST02', L044: 'AM04', L045: 'ST03', L047: 'CV04',
  L048: 'LT01', L049: 'CV05', L050: 'LT13', L051: 'AM05', L052: 'CV06', L053: 'CV07', L054: 'AM06', L055: 'CV08', L058: 'ST04', L060: 'CV02',
  L061: 'CV01', L063: 'CP05', L065: 'LT11', L067: 'CV11', L068: 'AM07', L069: 'CV11', L071: 'LT01',
};
/** Rules whose positions agree exactly with sqlfluff on these files. */
const AGREE = ['AL01', 'AL02', 'AL05', 'AM01', 'AM03', 'AM05', 'AM06', 'CP01', 'CP04', 'CV01', 'CV02', 'CV04', 'CV05', 'CV06', 'CV08', 'LT03', 'LT04', 'LT07', 'LT08', 'ST01', 'ST02', 'ST03', 'ST07', 'ST08', 'LT05', 'LT01', 'CP03', 'CP05', 'AL03', 'LT09', 'ST06', 'AL04', 'CV03', 'CV07', 'LT12', 'LT06', 'AM04', 'AM07', 'CP02', 'CV11', 'LT10', 'LT11'];

const files = [
  ...['report-violations.sql', 'cte-violations.sql', 'clean-report.sql', 'rule-catalog.sql'].map((f) => fileURLToPath(new URL(`./fixtures/${f}`, import.meta.url))),
].filter(existsSync);

const sqlfluff = ['/usr/bin/sqlfluff', '/usr/local/bin/sqlfluff'].find(existsSync);

describe('db_lint_sql versus sqlfluff', () => {
  if (!sqlfluff) console.log('sqlfluff is not installed (apt-get install sqlfluff): skipping the differential test');
  (sqlfluff ? it : it.skip).each(files)('agrees with sqlfluff per rule on %s', async (file) => {
    const r = spawnSync(sqlfluff!, ['lint', '--dialect', 'postgres', '--format', 'json', '--disable-progress-bar', '--nocolor', file], { encoding: 'utf8' });
    const report = JSON.parse(r.stdout.slice(r.stdout.indexOf('['))) as { violations: { code: string; line_no: number; line_pos: number }[] }[];
    const theirs = new Map<string, Set<string>>();
    for (const v of report[0]?.violations ?? []) {
      const code = OLD_TO_NEW[v.code] ?? v.code;
      if (!theirs.has(code)) theirs.set(code, new Set());
      theirs.get(code)!.add(`${v.line_no}:${v.line_pos}`);
    }
    const env = structured<Envelope>(await runTool(lintSqlTool, { content: readFileSync(file, 'utf8') }));
    const ours = new Map<string, Set<string>>();
    for (const f of env.findings) {
      if (!ours.has(f.ruleId)) ours.set(f.ruleId, new Set());
      ours.get(f.ruleId)!.add(`${f.location?.line}:${f.location?.column}`);
    }
    const lines: string[] = [];
    const mismatches: string[] = [];
    for (const code of [...new Set([...theirs.keys(), ...ours.keys()])].sort()) {
      const t = theirs.get(code) ?? new Set();
      const o = ours.get(code) ?? new Set();
      const missed = [...t].filter((x) => !o.has(x));
      const extra = [...o].filter((x) => !t.has(x));
      lines.push(`${code}: both ${[...t].filter((x) => o.has(x)).length}, sqlfluff only [${missed.join(' ')}], ours only [${extra.join(' ')}]`);
      if (AGREE.includes(code)) mismatches.push(`${code} ${[...o].sort().join(' ')}`, `${code} ${[...t].sort().join(' ')}`);
    }
    console.log(`${file}\n${lines.join('\n')}`);
    for (let k = 0; k < mismatches.length; k += 2) expect(mismatches[k]).toBe(mismatches[k + 1]);
  }, 180_000);
});
