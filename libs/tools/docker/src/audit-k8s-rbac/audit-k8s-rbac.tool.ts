import { z } from 'zod';
import { analyzerOptions, contentArg, defineTool, type RuleDoc } from '@mcp/core-protocol';
import { table, type Finding } from '@mcp/core-response';
import { lineOf, loadObjects, type K8sObject } from '../shared/k8s/objects';
import { isRecord, type PathSeg } from '../shared/yaml/load-yaml';

const kl = (id: string) => `https://docs.kubelinter.io/#/generated/checks?id=${id}`;

const RULES: RuleDoc[] = [
  { id: 'wildcard-in-rules', severity: 'warning', summary: '`*` in the verbs, resources or apiGroups of a Role or ClusterRole rule', docs: kl('wildcard-in-rules') },
  { id: 'access-to-secrets', severity: 'warning', summary: 'get, list, watch or `*` on secrets', docs: kl('access-to-secrets') },
  { id: 'escalate-verb', severity: 'error', summary: '`escalate` on roles or clusterroles: grant permissions the subject does not hold' },
  { id: 'bind-verb', severity: 'error', summary: '`bind` on roles or clusterroles: bind any role to anyone' },
  { id: 'impersonate-verb', severity: 'error', summary: '`impersonate` on users, groups or service accounts: act as another identity' },
  { id: 'cluster-admin-role-binding', severity: 'error', summary: 'A binding to the cluster-admin ClusterRole', docs: kl('cluster-admin-role-binding') },
  { id: 'default-service-account', severity: 'warning', summary: "A binding whose subject is a namespace's `default` ServiceAccount", docs: kl('default-service-account') },
];
const RULE = Object.fromEntries(RULES.map((r) => [r.id, r]));

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

interface RoleRow {
  name: string;
  rules: number;
  wildcard: boolean;
  secrets: boolean;
  boundTo: string[];
}

export const auditK8sRbac = defineTool({
  name: 'docker_audit_k8s_rbac',
  title: 'Kubernetes RBAC audit',
  description:
    'Audits Roles, ClusterRoles and their bindings: wildcards in rules, access to secrets, escalate/bind/impersonate verbs, bindings to cluster-admin, and bindings of the default service account (kube-linter RBAC checks, rbac-police style).',
  input: z.object({ content: contentArg('RBAC manifests (Role, ClusterRole, RoleBinding, ClusterRoleBinding), YAML'), options: analyzerOptions({}) }).strict(),
  rules: RULES,
  run({ content }) {
    const objects = loadObjects(content);
    const findings: Finding[] = [];
    const emit = (rule: string, obj: K8sObject, path: PathSeg[], message: string, fix: string, extra: Record<string, unknown> = {}) =>
      findings.push({ ruleId: rule, severity: RULE[rule].severity, message, location: lineOf(obj, path), fix, ...(RULE[rule].docs ? { docs: RULE[rule].docs } : {}), object: obj.id, ...extra });

    const bindings = objects.filter((o) => o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding');
    const subjectsOf = (b: K8sObject) => (Array.isArray(b.value.subjects) ? b.value.subjects.filter(isRecord) : []);
    // Bindings by the role they reference, so each role finds its own without a scan of all.
    const byRoleRef = new Map<string, K8sObject[]>();
    for (const b of bindings) {
      const ref = isRecord(b.value.roleRef) ? b.value.roleRef : {};
      const key = `${String(ref.kind)}/${String(ref.name)}`;
      const list = byRoleRef.get(key);
      if (list) list.push(b);
      else byRoleRef.set(key, [b]);
    }
    const boundTo = (role: K8sObject) =>
      (byRoleRef.get(`${role.kind}/${role.name}`) ?? [])
        .filter((b) => role.kind === 'ClusterRole' || b.namespace === role.namespace)
        .flatMap((b) => subjectsOf(b).map((s) => `${s.kind}/${s.namespace ?? (s.kind === 'ServiceAccount' ? b.namespace : '')}${s.namespace || s.kind === 'ServiceAccount' ? '/' : ''}${s.name}`));

    const roles: RoleRow[] = [];
    for (const role of objects) {
      if (role.kind !== 'Role' && role.kind !== 'ClusterRole') continue;
      const rules = Array.isArray(role.value.rules) ? role.value.rules : [];
      const subjects = boundTo(role);
      const who = subjects.length ? ` (bound to ${subjects.join(', ')})` : '';
      const row: RoleRow = { name: role.id, rules: rules.length, wildcard: false, secrets: false, boundTo: subjects };
      rules.forEach((rule, i) => {
        if (!isRecord(rule)) return;
        const verbs = strings(rule.verbs);
        const resources = strings(rule.resources);
        const groups = strings(rule.apiGroups);
        for (const [key, list] of [['verbs', verbs], ['resources', resources], ['apiGroups', groups]] as const) {
          if (list.includes('*')) {
            row.wildcard = true;
            emit('wildcard-in-rules', role, ['rules', i, key], `${role.id}: rules[${i}] uses "*" in ${key}${who}.`, `List the ${key} the subject needs instead of "*".`, { rule: i });
          }
        }
        const core = groups.includes('') || groups.includes('*');
        const onSecrets = core && (resources.includes('secrets') || resources.includes('*'));
        const readVerbs = verbs.filter((v) => ['get', 'list', 'watch', '*'].includes(v));
        if (onSecrets && readVerbs.length > 0) {
          row.secrets = true;
          emit('access-to-secrets', role, ['rules', i, 'resources'], `${role.id}: rules[${i}] grants ${readVerbs.join(', ')} on ${resources.includes('secrets') ? 'secrets' : 'all resources, secrets included'}${who}.`, 'Restrict to named secrets with `resourceNames`, or mount the secret into the pod instead of reading it through the API.', { rule: i });
        }
        const rbacGroup = groups.includes('rbac.authorization.k8s.io') || groups.includes('*');
        const onRoles = rbacGroup && resources.some((r) => r === 'roles' || r === 'clusterroles' || r === '*');
        for (const verb of ['escalate', 'bind'] as const) {
          if (onRoles && verbs.includes(verb)) {
            emit(`${verb}-verb`, role, ['rules', i, 'verbs'], `${role.id}: rules[${i}] grants "${verb}" on ${resources.filter((r) => ['roles', 'clusterroles', '*'].includes(r)).join(', ')}${who}: ${verb === 'escalate' ? 'the subject can grant itself permissions it does not hold' : 'the subject can bind any role, cluster-admin included'}.`, `Remove "${verb}" unless this is a trusted RBAC manager; scope it with resourceNames.`, { rule: i });
          }
        }
        const identities = resources.filter((r) => ['users', 'groups', 'serviceaccounts', 'uids', 'userextras/scopes', '*'].includes(r));
        if (verbs.includes('impersonate') && identities.length > 0 && (core || groups.includes('authentication.k8s.io') || groups.includes('*'))) {
          emit('impersonate-verb', role, ['rules', i, 'verbs'], `${role.id}: rules[${i}] grants "impersonate" on ${identities.join(', ')}${who}: the subject can act as other identities.`, 'Remove impersonation, or restrict it with resourceNames to the identities that need it.', { rule: i });
        }
      });
      roles.push(row);
    }

    for (const b of bindings) {
      const ref = isRecord(b.value.roleRef) ? b.value.roleRef : {};
      if (ref.kind === 'ClusterRole' && ref.name === 'cluster-admin') {
        const subjects = subjectsOf(b).map((s) => `${s.kind}/${s.name}`);
        emit('cluster-admin-role-binding', b, ['roleRef'], `${b.id} binds the cluster-admin ClusterRole to ${subjects.join(', ') || 'no subjects'}${b.kind === 'RoleBinding' ? ` in namespace ${b.namespace}` : ' cluster-wide'}.`, 'Create a role with only the permissions these subjects need and bind that instead.');
      }
      subjectsOf(b).forEach((s, i) => {
        if (s.kind === 'ServiceAccount' && s.name === 'default') {
          const ns = typeof s.namespace === 'string' ? s.namespace : b.namespace;
          emit('default-service-account', b, ['subjects', i], `${b.id} grants ${String(ref.kind)} ${String(ref.name)} to the default ServiceAccount of namespace ${ns}: every pod there without its own serviceAccountName gets it.`, 'Create a dedicated ServiceAccount, bind the role to it, and set serviceAccountName on the pods that need it.', { subject: `ServiceAccount/${ns}/default` });
        }
      });
    }
    return {
      findings,
      metrics: {
        roles,
        bindings: bindings.map((b) => ({ name: b.id, roleRef: isRecord(b.value.roleRef) ? `${String(b.value.roleRef.kind)}/${String(b.value.roleRef.name)}` : '', subjects: subjectsOf(b).length })),
      },
    };
  },
  render(envelope) {
    const roles = (envelope.metrics?.roles ?? []) as RoleRow[];
    return [table(['role', 'rules', 'wildcards', 'secrets', 'bound to'], roles.map((r) => [r.name, r.rules, r.wildcard ? 'yes' : 'no', r.secrets ? 'yes' : 'no', r.boundTo.join(', ')]))];
  },
});
