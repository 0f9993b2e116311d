import { readFileSync } from 'node:fs';
import { runTool, structured, resultText } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { validateK8sSchema } from './validate-k8s-schema.tool';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const run = async (content: string, options?: Record<string, unknown>) => structured<Envelope>(await runTool(validateK8sSchema, { content, ...(options ? { options } : {}) }));

describe('docker_validate_k8s_schema', () => {
  it('accepts valid manifests (anchors, flow maps, int-or-string, quantities) and lists CRD kinds as skipped', async () => {
    const env = await run(fixture('valid.yaml'));
    expect(env.findings).toEqual([]);
    expect(env.metrics?.skipped).toEqual([{ kind: 'Certificate', apiVersion: 'cert-manager.io/v1', name: 'web-tls' }]);
    expect((env.metrics?.objects as { status: string }[]).map((o) => o.status)).toEqual(['valid', 'valid', 'valid', 'valid', 'valid', 'valid', 'skipped']);
  });

  it('schema-violation: required fields, types, enums and quantities, at the line of the key', async () => {
    const env = await run(fixture('invalid.yaml'));
    expect(env.findings.map((f) => [f.location?.line, f.field, f.message])).toEqual([
      [7, 'metadata.labels.tier', 'Deployment/default/api: metadata.labels.tier: expected string, got integer'],
      [8, 'spec.selector', 'Deployment/default/api: spec.selector: missing required field "selector"'],
      [9, 'spec.replicas', 'Deployment/default/api: spec.replicas: expected integer, got string'],
      [16, 'spec.template.spec.containers[0].name', 'Deployment/default/api: spec.template.spec.containers[0].name: missing required field "name"'],
      [17, 'spec.template.spec.containers[0].imagePullPolicy', expect.stringContaining('"Sometimes" is not one of "Always", "IfNotPresent", "Never"')],
      [19, 'spec.template.spec.containers[0].ports[0].containerPort', expect.stringContaining('expected integer, got string')],
      [22, 'spec.template.spec.containers[0].resources.limits.cpu', expect.stringContaining('"one" is not a valid quantity')],
      [28, 'spec.template.spec.containers[0].livenessProbe.periodSeconds', expect.stringContaining('expected integer, got string')],
      [41, 'apiVersion', 'Deployment/default/worker: apiVersion "v1" does not serve kind Deployment (served by apps/v1).'],
    ]);
    expect(env.findings.every((f) => f.ruleId === 'schema-violation' && f.severity === 'error')).toBe(true);
    expect(env.findings[0].object).toBe('Deployment/default/api');
  });

  it('removed-api-version and deprecated-api-version with the replacement, by target version', async () => {
    const env = await run(fixture('deprecated.yaml'));
    expect(env.findings.map((f) => [f.ruleId, f.location?.line, f.replacement])).toEqual([
      ['removed-api-version', 1, 'networking.k8s.io/v1'],
      ['removed-api-version', 16, 'policy/v1'],
      ['deprecated-api-version', 26, 'flowcontrol.apiserver.k8s.io/v1'],
    ]);
    const old = await run(fixture('deprecated.yaml'), { kubernetesVersion: '1.20' });
    expect(old.findings.map((f) => [f.ruleId, f.location?.line])).toEqual([['deprecated-api-version', 1]]);
    const newer = await run(fixture('deprecated.yaml'), { kubernetesVersion: '1.32' });
    expect(newer.findings.map((f) => f.ruleId)).toEqual(['removed-api-version', 'removed-api-version', 'removed-api-version']);
  });

  it('flags APIs the target does not serve yet', async () => {
    const env = await run(fixture('valid.yaml'), { kubernetesVersion: '1.20' });
    expect(env.findings.map((f) => [f.location?.line, f.message])).toEqual([[71, expect.stringContaining('autoscaling/v2 HorizontalPodAutoscaler is not served before Kubernetes 1.23')], [86, expect.stringContaining('policy/v1 PodDisruptionBudget is not served before Kubernetes 1.21')]]);
  });

  it('reports a YAML syntax error with line and column', async () => {
    const reply = await runTool(validateK8sSchema, { content: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web: config\ndata: {}\n' });
    expect(reply.isError).toBe(true);
    expect(resultText(reply)).toBe('line 4, column 9: Nested mappings are not allowed in compact mappings');
  });

  it('rejects a malformed kubernetesVersion by field', async () => {
    expect(resultText(await runTool(validateK8sSchema, { content: 'kind: Pod', options: { kubernetesVersion: 'latest' } }))).toMatch(/^Invalid arguments: options\.kubernetesVersion: /);
  });
});
