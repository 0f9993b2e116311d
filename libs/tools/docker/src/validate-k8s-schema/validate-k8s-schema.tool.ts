import { z } from 'zod';
import { analyzerOptions, contentArg, defineTool } from '@mcp/core-protocol';
import { table, type Finding } from '@mcp/core-response';
import { API_VERSION_CHANGES } from '../shared/data/api-versions.data';
import { K8S_KINDS, K8S_SCHEMA_SOURCE } from '../shared/data/k8s.schema';
import { lineOf, loadObjects, type K8sObject } from '../shared/k8s/objects';
import { formatPath } from '../shared/yaml/load-yaml';
import { INTRODUCED } from './k8s-enums.data';
import { validate, type Violation } from './validate';

const RULES = [
  { id: 'schema-violation', severity: 'error' as const, summary: "The object does not match its kind's OpenAPI schema (required fields, types, int-or-string, enums)", docs: 'https://github.com/yannh/kubeconform' },
  { id: 'removed-api-version', severity: 'error' as const, summary: 'apiVersion removed in or before the target Kubernetes version', docs: 'https://pluto.docs.fairwinds.com/' },
  { id: 'deprecated-api-version', severity: 'warning' as const, summary: 'apiVersion deprecated (still served) in the target Kubernetes version', docs: 'https://pluto.docs.fairwinds.com/' },
];

const minor = (v: string) => Number(v.split('.')[1] ?? 0);
const atOrBefore = (v: string | null, target: string) => v !== null && minor(v) <= minor(target);

/** Which apiVersions serve a kind in the bundled schemas (to explain `apiVersion: v1` + `kind: Deployment`). */
const SERVED = new Map<string, string[]>();
for (const key of Object.keys(K8S_KINDS)) {
  const kind = key.slice(key.lastIndexOf('/') + 1);
  SERVED.set(kind, [...(SERVED.get(kind) ?? []), key.slice(0, key.lastIndexOf('/'))]);
}
const BUILT_IN_GROUP = /^(v1|[a-z]+\/v\d+(alpha\d+|beta\d+)?|[a-z.]+\.k8s\.io\/v\d+(alpha\d+|beta\d+)?)$/;

export const validateK8sSchema = defineTool({
  name: 'docker_validate_k8s_schema',
  title: 'Kubernetes schema validation',
  description:
    "Validates Kubernetes manifests against the core kinds' OpenAPI schemas like kubeconform (required fields, types, int-or-string, enums) and reports removed or deprecated apiVersions for the target Kubernetes version with pluto's replacement.",
  input: z
    .object({
      content: contentArg('Kubernetes manifests: one or more YAML documents'),
      options: analyzerOptions({
        kubernetesVersion: z.string().regex(/^1\.\d+$/, 'a Kubernetes minor version such as "1.31"').optional().describe('Target Kubernetes minor version, default "1.31"'),
      }),
    })
    .strict(),
  rules: RULES,
  run({ content, options }) {
    const target = options?.kubernetesVersion ?? '1.31';
    const objects = loadObjects(content);
    const findings: Finding[] = [];
    const skipped: { kind: string; apiVersion: string; name: string }[] = [];
    const rows: { object: string; apiVersion: string; line: number; violations: number; status: string }[] = [];
    for (const obj of objects) {
      const before = findings.length;
      const status = check(obj, target, findings, skipped);
      rows.push({ object: obj.id, apiVersion: obj.apiVersion, line: lineOf(obj, []).line, violations: findings.length - before, status });
    }
    return {
      findings,
      metrics: { kubernetesVersion: target, schemaSource: K8S_SCHEMA_SOURCE, objects: rows, skipped },
    };
  },
  render(envelope) {
    const rows = (envelope.metrics?.objects ?? []) as { object: string; apiVersion: string; line: number; violations: number; status: string }[];
    const skipped = (envelope.metrics?.skipped ?? []) as { kind: string; apiVersion: string; name: string }[];
    return [
      table(['object', 'apiVersion', 'line', 'findings', 'status'], rows.map((r) => [r.object, r.apiVersion, r.line, r.violations, r.status])),
      skipped.length ? `Skipped (no bundled schema): ${skipped.map((s) => `${s.apiVersion} ${s.kind}/${s.name}`).join(', ')}` : '',
    ];
  },
});

function check(obj: K8sObject, target: string, findings: Finding[], skipped: { kind: string; apiVersion: string; name: string }[]): string {
  const base = { object: obj.id };
  if (!obj.apiVersion || !obj.kind) {
    const missing = !obj.apiVersion ? 'apiVersion' : 'kind';
    findings.push({ ruleId: 'schema-violation', severity: 'error', message: `${obj.id || 'object'}: missing required field "${missing}"`, location: lineOf(obj, []), fix: `Add \`${missing}\`.`, ...base, field: missing });
    return 'invalid';
  }
  const change = API_VERSION_CHANGES.find((c) => c.apiVersion === obj.apiVersion && c.kind === obj.kind);
  const where = lineOf(obj, ['apiVersion']);
  if (change && atOrBefore(change.removedIn, target)) {
    findings.push({
      ruleId: 'removed-api-version',
      severity: 'error',
      message: `${obj.id}: ${obj.apiVersion} ${obj.kind} was removed in Kubernetes ${change.removedIn} (target ${target})${change.replacement ? `; use ${change.replacement}` : ''}.`,
      location: where,
      fix: change.replacement ? `Migrate to \`apiVersion: ${change.replacement}\` (check the field changes of the new version).` : `${obj.kind} has no replacement API; remove it or use its successor mechanism.`,
      docs: RULES[1].docs,
      ...base,
      replacement: change.replacement ?? '',
      removedIn: change.removedIn,
    });
    return 'removed';
  }
  if (change && atOrBefore(change.deprecatedIn, target)) {
    findings.push({
      ruleId: 'deprecated-api-version',
      severity: 'warning',
      message: `${obj.id}: ${obj.apiVersion} ${obj.kind} is deprecated since Kubernetes ${change.deprecatedIn}${change.removedIn ? ` and removed in ${change.removedIn}` : ''}${change.replacement ? `; use ${change.replacement}` : ''}.`,
      location: where,
      fix: change.replacement ? `Migrate to \`apiVersion: ${change.replacement}\` before upgrading.` : 'Plan its removal before upgrading.',
      docs: RULES[2].docs,
      ...base,
      replacement: change.replacement ?? '',
      ...(change.removedIn ? { removedIn: change.removedIn } : {}),
    });
  }
  const key = `${obj.apiVersion}/${obj.kind}`;
  const model = K8S_KINDS[key];
  if (!model) {
    const served = SERVED.get(obj.kind);
    if (served && BUILT_IN_GROUP.test(obj.apiVersion) && !change) {
      findings.push({
        ruleId: 'schema-violation',
        severity: 'error',
        message: `${obj.id}: apiVersion "${obj.apiVersion}" does not serve kind ${obj.kind} (served by ${served.join(', ')}).`,
        location: where,
        fix: `Use \`apiVersion: ${served[served.length - 1]}\`.`,
        ...base,
        field: 'apiVersion',
      });
      return 'invalid';
    }
    if (!change) skipped.push({ kind: obj.kind, apiVersion: obj.apiVersion, name: obj.name });
    return change ? 'deprecated' : 'skipped';
  }
  const introduced = INTRODUCED[key];
  if (introduced && minor(introduced) > minor(target)) {
    findings.push({ ruleId: 'schema-violation', severity: 'error', message: `${obj.id}: ${obj.apiVersion} ${obj.kind} is not served before Kubernetes ${introduced} (target ${target}).`, location: where, fix: 'Raise kubernetesVersion or use the API version the target serves.', ...base, field: 'apiVersion' });
  }
  const violations: Violation[] = [];
  validate(obj.value, model, [], violations);
  for (const v of violations) {
    const field = formatPath(v.path);
    findings.push({
      ruleId: 'schema-violation',
      severity: 'error',
      message: `${obj.id}: ${field}: ${v.message}`,
      location: lineOf(obj, v.at),
      fix: v.message.startsWith('missing') ? `Add \`${field}\`.` : `Change \`${field}\` to match the schema (${v.message}).`,
      ...base,
      field,
    });
  }
  return violations.length > 0 ? 'invalid' : change ? 'deprecated' : 'valid';
}
