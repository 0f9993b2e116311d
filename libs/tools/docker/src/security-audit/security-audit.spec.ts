import { readFileSync } from 'node:fs';
import { runTool, structured, resultText } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { securityAudit } from './security-audit.tool';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const audit = async (content: string) => structured<Envelope>(await runTool(securityAudit, { content }));
const at = (env: Envelope, rule: string) => env.findings.filter((f) => f.ruleId === rule).map((f) => f.location?.line);

describe('docker_security_audit', () => {
  it('finds nothing in a hardened Dockerfile (digests, secret mounts, checksummed ADD, non-root, healthcheck)', async () => {
    const env = await audit(fixture('clean.Dockerfile'));
    expect(env.findings).toEqual([]);
  });

  describe('on an insecure Dockerfile', () => {
    let env: Envelope;
    beforeAll(async () => {
      env = await audit(fixture('insecure.Dockerfile'));
    });

    it('DS002: no USER in the final stage', () => {
      expect(env.findings.find((f) => f.ruleId === 'DS002')).toMatchObject({ severity: 'error', level: 'HIGH', location: { line: 1 }, message: expect.stringContaining('has no USER') });
    });

    it('DS031: secrets in ARG and ENV by name, not paths or public keys', () => {
      const found = env.findings.filter((f) => f.ruleId === 'DS031');
      expect(found.map((f) => [f.location?.line, f.variable])).toEqual([
        [4, 'GITHUB_TOKEN'],
        [6, 'AWS_SECRET_ACCESS_KEY'],
        [6, 'DB_PASSWORD'],
      ]);
      expect(found[0].fix).toContain('--mount=type=secret');
    });

    it('DS010: sudo as a command, not as a package name', () => {
      expect(at(env, 'DS010')).toEqual([15]);
    });

    it('curl-pipe-shell: across a line continuation, and via $(wget ...)', () => {
      expect(at(env, 'curl-pipe-shell')).toEqual([11, 13]);
      expect(env.findings.find((f) => f.ruleId === 'curl-pipe-shell')?.message).toContain('`curl -fsSL https://deb.nodesource.com/setup_20.x | bash`');
    });

    it('add-from-url, unpinned-base-image, privileged-label, DS026', () => {
      expect(at(env, 'add-from-url')).toEqual([14]);
      expect(at(env, 'unpinned-base-image')).toEqual([1]);
      expect(env.findings.filter((f) => f.ruleId === 'privileged-label').map((f) => [f.location?.line, f.label])).toEqual([[2, 'RUN']]);
      expect(at(env, 'DS026')).toEqual([1]);
    });

    it('renders the base-image table', async () => {
      const text = resultText(await runTool(securityAudit, { content: fixture('insecure.Dockerfile') }));
      expect(text).toContain('| 1 |  | ubuntu:22.04 | not pinned |');
    });
  });

  it('follows USER and HEALTHCHECK through stages built on earlier stages', async () => {
    const text = fixture('root-inherited.Dockerfile');
    const env = await audit(text);
    expect(env.findings.map((f) => [f.ruleId, f.location?.line])).toEqual([['DS002', 12]]);
    const withoutDebug = text.slice(0, text.indexOf('FROM final AS debug'));
    expect((await audit(withoutDebug)).findings).toEqual([]);
  });

  it('reports a parse error with line and column', async () => {
    const reply = await runTool(securityAudit, { content: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nEXPOSE\n' });
    expect(resultText(reply)).toBe('line 3, column 7: EXPOSE requires at least one argument');
  });

  it('rejects unknown options by field', async () => {
    const reply = await runTool(securityAudit, { content: 'FROM alpine:3.20', options: { strict: true } });
    expect(resultText(reply)).toMatch(/^Invalid arguments: options: Unrecognized key.*strict/);
  });
});
