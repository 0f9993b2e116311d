import { readFileSync } from 'node:fs';
import { runTool, structured, resultText } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { auditK8sRbac } from './audit-k8s-rbac.tool';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const audit = async (content: string) => structured<Envelope>(await runTool(auditK8sRbac, { content }));

describe('docker_audit_k8s_rbac', () => {
  it('finds nothing in least-privilege RBAC (named secret, update only; dedicated service account)', async () => {
    const env = await audit(fixture('least-privilege.yaml'));
    expect(env.findings).toEqual([]);
    expect(env.metrics?.roles).toEqual([{ name: 'Role/web/config-reader', rules: 3, wildcard: false, secrets: false, boundTo: ['ServiceAccount/web/config-reloader'] }]);
  });

  describe('on over-privileged RBAC', () => {
    let env: Envelope;
    beforeAll(async () => {
      env = await audit(fixture('overprivileged.yaml'));
    });
    const at = (rule: string) => env.findings.filter((f) => f.ruleId === rule).map((f) => f.location?.line);

    it('wildcard-in-rules: each of apiGroups, resources and verbs', () => {
      expect(at('wildcard-in-rules')).toEqual([6, 7, 8]);
    });
    it('access-to-secrets: via "*" and via secrets, naming the bound subject', () => {
      const found = env.findings.filter((f) => f.ruleId === 'access-to-secrets');
      expect(found.map((f) => f.location?.line)).toEqual([7, 23]);
      expect(found[1].message).toBe('Role/payments/secret-reader: rules[0] grants get, list on secrets (bound to ServiceAccount/payments/default).');
    });
    it('escalate-verb, bind-verb, impersonate-verb', () => {
      expect(at('escalate-verb')).toEqual([11]);
      expect(at('bind-verb')).toEqual([11]);
      expect(at('impersonate-verb')).toEqual([14]);
      expect(env.findings.find((f) => f.ruleId === 'impersonate-verb')?.message).toContain('"impersonate" on users, serviceaccounts');
    });
    it('cluster-admin-role-binding and default-service-account', () => {
      expect(env.findings.filter((f) => f.ruleId === 'cluster-admin-role-binding').map((f) => [f.location?.line, f.message])).toEqual([
        [47, 'ClusterRoleBinding/ci-admin binds the cluster-admin ClusterRole to Group/ci-bots, ServiceAccount/deployer cluster-wide.'],
      ]);
      expect(env.findings.filter((f) => f.ruleId === 'default-service-account').map((f) => [f.location?.line, f.subject])).toEqual([[32, 'ServiceAccount/payments/default']]);
    });
    it('renders the role table', async () => {
      expect(resultText(await runTool(auditK8sRbac, { content: fixture('overprivileged.yaml') }))).toContain('| ClusterRole/ci-deployer | 3 | yes | yes |  |');
    });
  });

  it('reports YAML errors with line and column', async () => {
    expect(resultText(await runTool(auditK8sRbac, { content: 'kind: Role\nrules:\n  - verbs: [get\n    resources: x\n' }))).toMatch(/^line \d+, column \d+: /);
  });

  it('rejects a missing content argument by field', async () => {
    expect(resultText(await runTool(auditK8sRbac, {}))).toMatch(/^Invalid arguments: content: /);
  });
});
