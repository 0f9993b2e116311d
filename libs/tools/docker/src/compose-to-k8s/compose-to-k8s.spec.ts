import { readdirSync, readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { runTool, structured, resultText } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { composeToK8s } from './compose-to-k8s.tool';
import { validateK8sSchema } from '../validate-k8s-schema/validate-k8s-schema.tool';
import { lintK8sManifests } from '../lint-k8s-manifests/lint-k8s-manifests.tool';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const convert = async (content: string, options?: Record<string, unknown>) => structured<Envelope>(await runTool(composeToK8s, { content, ...(options ? { options } : {}) }));
const objectsOf = (env: Envelope) => parseAllDocuments(String(env.artifacts?.manifests)).map((d) => d.toJS() as Record<string, any>);

describe('docker_compose_to_k8s', () => {
  let env: Envelope;
  let objects: Record<string, any>[];
  beforeAll(async () => {
    env = await convert(fixture('shop.compose.yaml'));
    objects = objectsOf(env);
  });
  const find = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name)!;

  it('lists the objects in kompose order: Services, workloads, claims, config maps, secrets, network policies', () => {
    expect(env.artifacts?.objects).toEqual([
      { kind: 'Service', name: 'web-frontend' },
      { kind: 'Service', name: 'api' },
      { kind: 'Deployment', name: 'web-frontend' },
      { kind: 'Deployment', name: 'api' },
      { kind: 'Deployment', name: 'db' },
      { kind: 'Pod', name: 'migrate' },
      { kind: 'PersistentVolumeClaim', name: 'db-data' },
      { kind: 'PersistentVolumeClaim', name: 'db-claim0' },
      { kind: 'ConfigMap', name: 'config-web-env' },
      { kind: 'Secret', name: 'db-password' },
      { kind: 'NetworkPolicy', name: 'frontend' },
      { kind: 'NetworkPolicy', name: 'backend' },
    ]);
  });

  it('names, labels and selectors: DNS-1123 names and io.kompose.service', () => {
    const d = find('Deployment', 'web-frontend');
    expect(d.metadata.labels).toEqual({ 'io.kompose.service': 'web-frontend' });
    expect(d.spec.selector).toEqual({ matchLabels: { 'io.kompose.service': 'web-frontend' } });
    expect(d.spec.template.metadata.labels).toEqual({ 'io.kompose.service': 'web-frontend', 'io.kompose.network/frontend': 'true' });
  });

  it('Service ports: published port as the name, host IP dropped, "<port>-<protocol>" for a port on two protocols', () => {
    expect(find('Service', 'web-frontend').spec.ports).toEqual([
      { name: '80', port: 80, targetPort: 3000 },
      { name: '9229', port: 9229, targetPort: 9229 },
    ]);
    expect(find('Service', 'api').spec.ports).toEqual([
      { name: '8000', port: 8000, targetPort: 8000 },
      { name: '5353', port: 5353, targetPort: 53, protocol: 'UDP' },
      { name: '5353-tcp', port: 5353, targetPort: 53 },
    ]);
    expect(objects.some((o) => o.kind === 'Service' && o.metadata.name === 'db')).toBe(false);
  });

  it('replicas, env (map and list, interpolated), command/entrypoint, resources and the healthcheck probe', () => {
    const api = find('Deployment', 'api');
    expect(api.spec.replicas).toBe(3);
    const c = api.spec.template.spec.containers[0];
    expect(c.command).toEqual(['/usr/local/bin/docker-entrypoint.sh']);
    expect(c.args).toEqual(['gunicorn', '-b', '0.0.0.0:8000', 'shop.wsgi']);
    expect(c.env).toEqual([
      { name: 'DATABASE_URL', value: 'postgres://shop@db:5432/shop' },
      { name: 'SENTRY_DSN', value: '' },
    ]);
    expect(c.resources).toEqual({ limits: { memory: '512Mi', cpu: '500m' }, requests: { memory: '256Mi', cpu: '250m' } });
    expect(c.livenessProbe).toEqual({ exec: { command: ['curl', '-fsS', 'http://localhost:8000/health'] }, timeoutSeconds: 5, periodSeconds: 30, failureThreshold: 3, initialDelaySeconds: 60 });
    expect(find('Deployment', 'web-frontend').spec.template.spec.containers[0].image).toBe('ghcr.io/acme/shop-web:2.14.1');
    expect(find('Deployment', 'web-frontend').spec.template.spec.containers[0].envFrom).toEqual([{ configMapRef: { name: 'config-web-env' } }]);
  });

  it('volumes: a ReadWriteOnce claim per named volume of pvcSize, Recreate strategy; secrets mounted from an Opaque Secret', async () => {
    expect(find('PersistentVolumeClaim', 'db-data').spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '100Mi' } } });
    expect(find('Deployment', 'db').spec.strategy).toEqual({ type: 'Recreate' });
    expect(find('Secret', 'db-password')).toMatchObject({ type: 'Opaque', stringData: { 'db-password': '' } });
    const big = objectsOf(await convert(fixture('shop.compose.yaml'), { pvcSize: '5Gi' }));
    expect(big.find((o) => o.metadata.name === 'db-data')!.spec.resources.requests.storage).toBe('5Gi');
  });

  it('restart "no" becomes a Pod with restartPolicy Never; controller option switches the workload kind', async () => {
    expect(find('Pod', 'migrate').spec.restartPolicy).toBe('Never');
    const ss = objectsOf(await convert(fixture('shop.compose.yaml'), { controller: 'statefulset' }));
    expect(ss.find((o) => o.metadata.name === 'api' && o.kind !== 'Service')).toMatchObject({ kind: 'StatefulSet', spec: { replicas: 3, serviceName: 'api' } });
  });

  it('unsupported-key and unset-variable findings at the key', () => {
    expect(env.findings.map((f) => [f.ruleId, f.location?.line, f.key ?? f.variable])).toEqual([
      ['unsupported-key', 14, 'depends_on'],
      ['unset-variable', 26, 'SENTRY_DSN'],
      ['unsupported-key', 40, 'logging'],
      ['unsupported-key', 47, 'shm_size'],
    ]);
  });

  it('round trip: the manifests pass docker_validate_k8s_schema and have no error in docker_lint_k8s_manifests', async () => {
    const manifests = String(env.artifacts?.manifests);
    expect(structured<Envelope>(await runTool(validateK8sSchema, { content: manifests })).findings).toEqual([]);
    const lint = structured<Envelope>(await runTool(lintK8sManifests, { content: manifests }));
    expect(lint.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(lint.findings.filter((f) => f.ruleId === 'dangling-service' || f.ruleId === 'non-isolated-pod' || f.ruleId === 'latest-tag')).toEqual([]);
  });

  it('round trip: a hardened compose service converts to manifests with no lint finding at all', async () => {
    const hardened = await convert(fixture('hardened.compose.yaml'));
    const manifests = String(hardened.artifacts?.manifests);
    expect(structured<Envelope>(await runTool(validateK8sSchema, { content: manifests })).findings).toEqual([]);
    expect(structured<Envelope>(await runTool(lintK8sManifests, { content: manifests })).findings).toEqual([]);
    expect(manifests).not.toContain('&a');
  });

  it('shows the manifests in the Markdown', async () => {
    const text = resultText(await runTool(composeToK8s, { content: fixture('hardened.compose.yaml') }));
    expect(text).toContain('```yaml\napiVersion: v1\nkind: Service');
    expect(text).toContain('| Deployment | api |');
  });

  it('reports YAML errors with line and column, and bad options by field', async () => {
    expect(resultText(await runTool(composeToK8s, { content: 'services:\n  web:\n    image: [nginx\n' }))).toMatch(/^line \d+, column \d+: /);
    expect(resultText(await runTool(composeToK8s, { content: 'services: {}', options: { controller: 'replicaset' } }))).toMatch(/^Invalid arguments: options\.controller: /);
  });
});

describe('docker_compose_to_k8s on real-world compose files (docker/awesome-compose, CC0)', () => {
  const dir = new URL('../lint-compose/fixtures/awesome-compose/', import.meta.url);
  it.each(readdirSync(dir))('%s converts to manifests that validate and lint without errors', async (name) => {
    const env = await convert(readFileSync(new URL(name, dir), 'utf8'));
    const manifests = String(env.artifacts?.manifests);
    expect((env.artifacts?.objects as unknown[]).length).toBeGreaterThan(0);
    expect(structured<Envelope>(await runTool(validateK8sSchema, { content: manifests })).findings).toEqual([]);
    expect(structured<Envelope>(await runTool(lintK8sManifests, { content: manifests })).findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
