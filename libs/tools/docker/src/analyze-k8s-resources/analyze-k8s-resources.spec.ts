import { readFileSync } from 'node:fs';
import { runTool, structured, resultText } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { analyzeK8sResources } from './analyze-k8s-resources.tool';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const analyze = async (content: string) => structured<Envelope>(await runTool(analyzeK8sResources, { content }));
const Mi = 2 ** 20;

describe('docker_analyze_k8s_resources', () => {
  let env: Envelope;
  beforeAll(async () => {
    env = await analyze(fixture('shop.yaml'));
  });

  it('lists requests and limits per container as written', () => {
    const rows = env.metrics?.containers as Record<string, unknown>[];
    expect(rows.slice(0, 4)).toEqual([
      { namespace: 'shop', workload: 'web', kind: 'Deployment', container: 'assets', init: true, cpuRequest: '1', cpuLimit: null, memoryRequest: '1Gi', memoryLimit: null },
      { namespace: 'shop', workload: 'web', kind: 'Deployment', container: 'log-shipper', init: true, cpuRequest: '50m', cpuLimit: '100m', memoryRequest: '64Mi', memoryLimit: '128Mi' },
      { namespace: 'shop', workload: 'web', kind: 'Deployment', container: 'web', init: false, cpuRequest: '250m', cpuLimit: '500m', memoryRequest: '256Mi', memoryLimit: '512Mi' },
      { namespace: 'shop', workload: 'web', kind: 'Deployment', container: 'metrics', init: false, cpuRequest: null, cpuLimit: '0.1', memoryRequest: null, memoryLimit: '64Mi' },
    ]);
    expect(rows).toHaveLength(7);
  });

  it('computes per-pod effective requests (init max vs sum, sidecars, limit as request) and QoS classes', () => {
    expect(env.metrics?.workloads).toEqual([
      { namespace: 'shop', kind: 'Deployment', name: 'web', replicas: 3, qosClass: 'Burstable', cpuRequestMillicores: 1000, memoryRequestBytes: 1024 * Mi },
      { namespace: 'shop', kind: 'StatefulSet', name: 'redis', replicas: 2, qosClass: 'Guaranteed', cpuRequestMillicores: 500, memoryRequestBytes: 1024 * Mi },
      { namespace: 'monitoring', kind: 'DaemonSet', name: 'node-exporter', replicas: 1, qosClass: 'BestEffort', cpuRequestMillicores: 0, memoryRequestBytes: 0 },
      { namespace: 'shop', kind: 'CronJob', name: 'report', replicas: 1, qosClass: 'Burstable', cpuRequestMillicores: 0, memoryRequestBytes: 2048 * Mi },
    ]);
  });

  it('totals each namespace at the replica counts', () => {
    expect(env.metrics?.namespaces).toEqual([
      { namespace: 'monitoring', cpuRequestMillicores: 0, memoryRequestBytes: 0, cpuLimitMillicores: 0, memoryLimitBytes: 0 },
      { namespace: 'shop', cpuRequestMillicores: 4000, memoryRequestBytes: 7168 * Mi, cpuLimitMillicores: 3100, memoryLimitBytes: 4160 * Mi },
    ]);
  });

  it('missing-hpa and missing-pdb only for the multi-replica workload without them', () => {
    expect(env.findings.map((f) => [f.ruleId, f.location?.line, f.object])).toEqual([
      ['missing-pdb', 7, 'Deployment/shop/web'],
      ['missing-hpa', 7, 'Deployment/shop/web'],
    ]);
    expect(env.findings[0].fix).toContain('minAvailable 2');
  });

  it('renders the workload and namespace tables', async () => {
    const text = resultText(await runTool(analyzeK8sResources, { content: fixture('shop.yaml') }));
    expect(text).toContain('| shop | Deployment/web | 3 | Burstable | 1000m | 1024Mi |');
    expect(text).toContain('| shop | 4000m | 7168Mi | 3100m | 4160Mi |');
  });

  it('reports YAML errors with line and column', async () => {
    expect(resultText(await runTool(analyzeK8sResources, { content: 'kind: Pod\nspec:\n  containers: [\n' }))).toMatch(/^line \d+, column \d+: /);
  });

  it('rejects unknown options by field', async () => {
    expect(resultText(await runTool(analyzeK8sResources, { content: 'kind: Pod', options: { replicas: 3 } }))).toMatch(/^Invalid arguments: options: Unrecognized key/);
  });
});
