import { readFileSync } from 'node:fs';
import { runTool, structured, resultText } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { lintCompose } from './lint-compose.tool';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const lint = async (content: string) => structured<Envelope>(await runTool(lintCompose, { content }));

describe('docker_lint_compose', () => {
  it('finds nothing in a clean compose file (interpolated tag with default, digest, build-only service, same port on two protocols)', async () => {
    const env = await lint(fixture('clean.compose.yaml'));
    expect(env.findings).toEqual([]);
    expect(env.metrics?.services).toContainEqual({ name: 'web', image: 'ghcr.io/acme/shop-web:${WEB_TAG:-2.14.1}', ports: ['8080:8080/tcp', '8443:8443/tcp', '8443:8443/udp'], dependsOn: ['db', 'cache'] });
  });

  describe('on a compose file with problems', () => {
    let env: Envelope;
    beforeAll(async () => {
      env = await lint(fixture('problems.compose.yaml'));
    });
    const of = (rule: string) => env.findings.filter((f) => f.ruleId === rule).map((f) => [f.location?.line, f.message]);

    it('invalid-schema: names the property path', () => {
      expect(of('invalid-schema')).toEqual([
        [13, 'services.api.ports[1].protocl: unknown property "protocl"'],
        [23, 'services.api.healthcheck.interval: expected string, got number'],
        [34, 'services.scheduler.environment: expected object or array, got number'],
      ]);
    });
    it('service-image-require-explicit-tag: none, latest, variable without default', () => {
      expect(of('service-image-require-explicit-tag').map(([l]) => l)).toEqual([3, 8, 25]);
      expect(of('service-image-require-explicit-tag')[2][1]).toBe('Service "worker": image "ghcr.io/acme/worker:${WORKER_TAG}" takes its tag from ${WORKER_TAG} with no default.');
    });
    it('no-duplicate-exported-ports: ranges expanded', () => {
      expect(of('no-duplicate-exported-ports')).toEqual([[28, 'Service "worker" publishes host port 0.0.0.0:8001/tcp (from "8001:8001"), already published by service "api" ("8000-8002:8000-8002").']]);
    });
    it('no-duplicate-container-names', () => {
      expect(of('no-duplicate-container-names')).toEqual([[26, 'Service "worker" uses container_name "edge", already used by service "proxy".']]);
    });
    it('depends-on-cycle', () => {
      expect(of('depends-on-cycle')).toEqual([[29, 'depends_on cycle: worker -> scheduler -> worker; compose cannot decide which service starts first.']]);
    });
    it('undefined network, volume, secret and config', () => {
      expect(of('undefined-network').map(([l]) => l)).toEqual([17]);
      expect(of('undefined-volume')).toEqual([[19, expect.stringContaining('named volume "uploads"')]]);
      expect(of('undefined-secret')).toEqual([[20, expect.stringContaining('secret "api_key"')]]);
      expect(of('undefined-config')).toEqual([[30, expect.stringContaining('config "worker_conf"')]]);
    });
    it('no-privileged, no-host-network, healthcheck-missing-for-dependency', () => {
      expect(of('no-privileged').map(([l]) => l)).toEqual([5]);
      expect(of('no-host-network').map(([l]) => l)).toEqual([4]);
      expect(of('healthcheck-missing-for-dependency')).toEqual([[15, expect.stringContaining('waits for "worker" to be healthy')]]);
      expect(env.findings.find((f) => f.ruleId === 'no-privileged')?.service).toBe('proxy');
    });
  });

  it('reports YAML errors with line and column', async () => {
    const reply = await runTool(lintCompose, { content: 'services:\n  web:\n    image: nginx:1.27\n    ports: ["80:80"\n' });
    expect(reply.isError).toBe(true);
    expect(resultText(reply)).toMatch(/^line \d+, column \d+: /);
  });

  it('rejects unknown options by field', async () => {
    expect(resultText(await runTool(lintCompose, { content: 'services: {}', options: { profile: 'x' } }))).toMatch(/^Invalid arguments: options: Unrecognized key/);
  });
});
