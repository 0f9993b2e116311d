import { readFileSync } from 'node:fs';
import { runTool, structured, resultText } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { lintK8sManifests } from './lint-k8s-manifests.tool';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const lint = async (content: string) => structured<Envelope>(await runTool(lintK8sManifests, { content }));

describe('docker_lint_k8s_manifests', () => {
  it('finds nothing in a hardened workload with its Service and NetworkPolicy (pod-level securityContext applies)', async () => {
    const env = await lint(fixture('hardened.yaml'));
    expect(env.findings).toEqual([]);
    expect(env.metrics?.workloads).toEqual([{ name: 'Deployment/payments/api', containers: 2, findings: 0 }]);
  });

  describe('on a risky DaemonSet and two Services', () => {
    let env: Envelope;
    beforeAll(async () => {
      env = await lint(fixture('risky.yaml'));
    });
    const byRule = (rule: string) => env.findings.filter((f) => f.ruleId === rule).map((f) => [f.location?.line, f.container ?? null]);

    it('resources: CPU request and memory limit per container', () => {
      expect(byRule('unset-cpu-requirements')).toEqual([[16, 'agent'], [23, 'sidecar']]);
      expect(byRule('unset-memory-requirements')).toEqual([[16, 'agent']]);
    });
    it('latest-tag: no tag, and :latest', () => {
      expect(byRule('latest-tag')).toEqual([[17, 'agent'], [22, 'sidecar']]);
    });
    it('probes', () => {
      expect(byRule('no-liveness-probe')).toEqual([[16, 'agent'], [21, 'sidecar']]);
      expect(byRule('no-readiness-probe')).toEqual([[16, 'agent'], [21, 'sidecar']]);
    });
    it('run-as-non-root: unset, and runAsNonRoot contradicted by runAsUser 0', () => {
      expect(env.findings.filter((f) => f.ruleId === 'run-as-non-root').map((f) => f.message)).toEqual([
        'DaemonSet/monitoring/node-agent: container "agent" is not set to runAsNonRoot',
        'DaemonSet/monitoring/node-agent: container "sidecar" is set to runAsNonRoot, but runAsUser set to 0',
      ]);
      expect(byRule('no-read-only-root-fs')).toEqual([[16, 'agent'], [21, 'sidecar']]);
    });
    it('privileges and host namespaces', () => {
      expect(byRule('privilege-escalation-container')).toEqual([[19, 'agent'], [28, 'sidecar']]);
      expect(byRule('privileged-container')).toEqual([[19, 'agent']]);
      expect(byRule('host-network')).toEqual([[13, null]]);
      expect(byRule('host-pid')).toEqual([[14, null]]);
      expect(byRule('host-ipc')).toEqual([]);
      expect(env.findings.find((f) => f.ruleId === 'host-network')).toMatchObject({ severity: 'error', object: 'DaemonSet/monitoring/node-agent' });
    });
    it('dangling-service and non-isolated-pod', () => {
      expect(env.findings.filter((f) => f.ruleId === 'dangling-service').map((f) => [f.location?.line, f.object, f.message])).toEqual([
        [37, 'Service/monitoring/node-agent-metrics', expect.stringContaining('no pods found matching service labels (app=node-agent-exporter)')],
        [45, 'Service/monitoring/external-db', expect.stringContaining('service has no selector specified')],
      ]);
      expect(byRule('non-isolated-pod')).toEqual([[9, null]]);
    });
    it('renders the per-workload table', async () => {
      expect(resultText(await runTool(lintK8sManifests, { content: fixture('risky.yaml') }))).toContain('| DaemonSet/monitoring/node-agent | 2 | 19 |');
    });
  });

  it('reports YAML errors with line and column, and non-objects as errors', async () => {
    expect(resultText(await runTool(lintK8sManifests, { content: 'kind: Pod\nmetadata:\n  name: [a\n' }))).toMatch(/^line \d+, column \d+: /);
    expect(resultText(await runTool(lintK8sManifests, { content: '- just\n- a list\n' }))).toBe('Document 1 (line 1) is not a Kubernetes object: expected a mapping with apiVersion and kind.');
  });

  it('rejects unknown options by field', async () => {
    expect(resultText(await runTool(lintK8sManifests, { content: 'kind: Pod', options: { checks: [] } }))).toMatch(/^Invalid arguments: options: Unrecognized key/);
  });
});
