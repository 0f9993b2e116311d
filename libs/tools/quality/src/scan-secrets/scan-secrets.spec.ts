import { readFileSync } from 'node:fs';
import { runTool, structured, resultText } from '@mcp/core-protocol/testing';
import { scanSecretsTool } from './scan-secrets.tool';

// Fake credentials are generated here at run time from a seeded PRNG: they have the right shape
// for the rules, but no key-shaped string is committed to the repository.
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = prng(42);
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const pick = (alphabet: string, n: number) => Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
const digits = (n: number) => pick('0123456789', n);
const b64url = (s: string) => Buffer.from(s).toString('base64url');

const fake = {
  __AWS_KEY__: 'AKIA' + pick('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16),
  __AWS_SAMPLE__: 'AKIA' + 'IOSFODNN7' + 'EXAMPLE', // AWS's documentation key: gitleaks allowlists *EXAMPLE
  __STRIPE__: ['sk', 'live', pick(ALNUM, 24)].join('_'),
  __SLACK_WEBHOOK__: `https://hooks.slack.com/services/T${pick(ALNUM, 8)}/B${pick(ALNUM, 8)}/${pick(ALNUM, 24)}`,
  __GITHUB_PAT__: 'ghp_' + pick(ALNUM, 36),
  __SLACK_BOT__: `xoxb-${digits(11)}-${digits(12)}-${pick(ALNUM, 24)}`,
  __JWT__: `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url('{"sub":"deploy-bot","iat":1716239022}')}.${pick(ALNUM, 43)}`,
  __OLD_KEY__: pick(ALNUM, 32),
  __NEW_KEY__: pick('abcdef0123456789', 40),
  __NPM__: 'npm_' + pick(ALNUM, 36),
};
const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8').replace(/__[A-Z_]+__/g, (k) => fake[k as keyof typeof fake] ?? k);

interface Out {
  findings: Array<{ ruleId: string; message: string; location: { path?: string; line: number; column: number; endLine?: number }; match: string; entropy: number }>;
}
const scan = async (args: unknown) => {
  const reply = await runTool(scanSecretsTool, args);
  const text = JSON.stringify(reply);
  for (const secret of Object.values(fake)) {
    if (secret !== fake.__AWS_SAMPLE__) expect(text).not.toContain(secret);
  }
  return structured<Out>(reply);
};

describe('quality_scan_secrets', () => {
  it('finds cloud and payment keys in a settings file, redacted', async () => {
    const out = await scan({ files: [{ path: 'billing/settings.py', content: fixture('settings.py') }] });
    expect(out.findings.map((f) => [f.ruleId, f.location.line])).toEqual([
      ['aws-access-token', 8],
      ['stripe-access-token', 12],
      ['slack-webhook-url', 13],
    ]);
    const aws = out.findings[0];
    expect(aws.match).toBe('REDACTED');
    expect(aws.location).toEqual({ path: 'billing/settings.py', line: 8, column: 22 });
    expect(aws.entropy).toBeGreaterThan(3);
    // The rule's trailing delimiter is part of gitleaks' match.
    expect(out.findings[1].match).toBe('REDACTED"');
  });

  it('finds tokens in a shell script and drops the generic hit another rule reports', async () => {
    const out = await scan({ content: fixture('deploy.sh') });
    expect(out.findings.map((f) => [f.ruleId, f.location.line])).toEqual([
      ['github-pat', 5],
      ['slack-bot-token', 6],
      ['jwt', 7],
    ]);
    expect(resultText(await runTool(scanSecretsTool, { content: fixture('deploy.sh') }))).toContain('`github-pat` (line 5:');
  });

  it('finds a PEM private key at its first line', async () => {
    const body = Array.from({ length: 6 }, () => pick(ALNUM + '+/', 64)).join('\n');
    const pem = ['-----BEGIN RSA', 'PRIVATE KEY-----'].join(' ') + `\n${body}\n` + ['-----END RSA', 'PRIVATE KEY-----'].join(' ');
    const out = await scan({ content: `# staging key\nkey: |\n${pem}\n` });
    expect(out.findings.map((f) => [f.ruleId, f.location.line, f.location.endLine])).toEqual([['private-key', 3, 10]]);
    expect(JSON.stringify(out)).not.toContain(body.slice(0, 20));
  });

  it('reports a generic high-entropy assignment', async () => {
    const secret = pick(ALNUM, 32);
    const out = await scan({ content: `const config = {\n  region: 'eu-west-1',\n  api_key: '${secret}',\n};\n` });
    expect(out.findings.map((f) => [f.ruleId, f.location.line, f.match])).toEqual([['generic-api-key', 3, "api_key: 'REDACTED'"]]);
    expect(JSON.stringify(out)).not.toContain(secret);
  });

  it('scans only added lines of a diff, at new-file lines', async () => {
    const out = await scan({ content: fixture('config.diff') });
    expect(out.findings.map((f) => [f.ruleId, f.location.path, f.location.line])).toEqual([
      ['generic-api-key', 'config/default.json', 4],
      ['npm-access-token', 'config/default.json', 5],
    ]);
  });

  it('stays silent on code that reads secrets from the environment, and on allowlisted paths', async () => {
    expect((await scan({ files: [{ path: 'src/payments/client.ts', content: fixture('client.ts') }] })).findings).toEqual([]);
    const lock = `{"packages": {"node_modules/x": {"integrity": "${fake.__GITHUB_PAT__}"}}}`;
    expect((await scan({ files: [{ path: 'package-lock.json', content: lock }] })).findings).toEqual([]);
  });

  it('names the invalid field', async () => {
    expect(resultText(await runTool(scanSecretsTool, { files: [{ path: 'a', text: 'x' }] }))).toMatch(/^Invalid arguments: files\[0\]/);
  });

  it('names line and column of a malformed diff', async () => {
    const broken = 'diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n-b\n';
    expect(resultText(await runTool(scanSecretsTool, { content: broken }))).toMatch(/^line \d+, column 1: diff ended inside a hunk/);
  });
});
