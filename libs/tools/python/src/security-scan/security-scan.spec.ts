import { readFileSync } from 'node:fs';
import { resultText, runTool, structured } from '@mcp/core-protocol/testing';
import type { Envelope, Finding } from '@mcp/core-response';
import { securityScan } from './security-scan.tool';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const scan = async (content: string, options?: object) => structured<Envelope>(await runTool(securityScan, { content, options }));
const summary = (f: Finding) => `${f.ruleId}@${f.location?.line} ${f.issueSeverity}/${f.confidence}`;

describe('python_security_scan', () => {
  it('finds every rule in the legacy service, with bandit severity and confidence', async () => {
    const env = await scan(fixture('insecure_service.py'));
    expect(env.findings.map(summary)).toEqual([
      'B105@14 LOW/MEDIUM',
      'B105@15 LOW/MEDIUM',
      'B301@19 MEDIUM/HIGH',
      'B302@24 MEDIUM/HIGH',
      'B506@28 MEDIUM/HIGH',
      'B303@32 MEDIUM/HIGH',
      'B324@33 HIGH/HIGH',
      'B324@33 HIGH/HIGH',
      'B501@37 HIGH/HIGH',
      'B602@41 HIGH/HIGH',
      'B605@42 HIGH/HIGH',
      'B608@47 MEDIUM/MEDIUM',
      'B101@52 LOW/HIGH',
      'B307@53 MEDIUM/HIGH',
      'B105@57 LOW/MEDIUM',
      'B106@59 LOW/MEDIUM',
    ]);
    const byRule = Object.fromEntries(env.findings.map((f) => [f.ruleId, f]));
    expect(byRule.B301.message).toContain('pickle.loads');
    expect(byRule.B602.message).toContain('subprocess.check_call');
    expect(byRule.B105.severity).toBe('info');
    expect(byRule.B501.severity).toBe('error');
    expect(byRule.B506.severity).toBe('warning');
    expect(env.metrics).toMatchObject({ bySeverity: { HIGH: 5, MEDIUM: 6, LOW: 5 } });
  });

  it('is silent on the hardened service (safe_load, SafeLoader, usedforsecurity=False, argument lists, SQL parameters)', async () => {
    expect((await scan(fixture('hardened_service.py'))).findings).toEqual([]);
  });

  it('rates a literal shell command LOW and a formatted one HIGH, and skips shell=False', async () => {
    const env = await scan('import subprocess\nsubprocess.run("ls -l", shell=True)\nsubprocess.run(cmd, shell=True)\nsubprocess.run(cmd, shell=False)\n');
    expect(env.findings.map(summary)).toEqual(['B602@2 LOW/HIGH', 'B602@3 HIGH/HIGH']);
  });

  it('treats exec like eval and a .format()-built query as B608 with LOW confidence outside execute()', async () => {
    const env = await scan('exec(code)\nquery = "DELETE FROM jobs WHERE id = {}".format(job_id)\n');
    expect(env.findings.map(summary)).toEqual(['B307@1 MEDIUM/HIGH', 'B608@2 MEDIUM/LOW']);
  });

  it('filters by minSeverity and minConfidence', async () => {
    const env = await scan(fixture('insecure_service.py'), { minSeverity: 'MEDIUM', minConfidence: 'HIGH' });
    expect(new Set(env.findings.map((f) => f.ruleId))).toEqual(new Set(['B301', 'B302', 'B506', 'B303', 'B324', 'B501', 'B602', 'B605', 'B307']));
  });

  it('reports a parse error with line and column', async () => {
    const reply = await runTool(securityScan, { content: 'def run(cmd):\n    os.system(cmd\n' });
    expect(reply.isError).toBe(true);
    expect(resultText(reply)).toMatch(/^line 3, column 1: invalid syntax/);
  });

  it('rejects an unknown level, naming the field', async () => {
    const reply = await runTool(securityScan, { content: 'x = 1\n', options: { minSeverity: 'CRITICAL' } });
    expect(resultText(reply)).toMatch(/^Invalid arguments: options\.minSeverity/);
  });
});
