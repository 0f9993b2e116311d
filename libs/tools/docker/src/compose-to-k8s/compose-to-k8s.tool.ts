import { z } from 'zod';
import { analyzerOptions, contentArg, defineTool } from '@mcp/core-protocol';
import { table } from '@mcp/core-response';
import { parseCompose } from '../shared/compose/compose-model';
import { emitYaml } from '../shared/yaml/emit-yaml';
import { convert } from './convert';

const RULES = [
  { id: 'unsupported-key', severity: 'info' as const, summary: 'A compose key kompose does not convert; it is dropped', docs: 'https://kompose.io/conversion/' },
  { id: 'unset-variable', severity: 'warning' as const, summary: 'A ${VAR} without a default; it became an empty string', docs: 'https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/' },
];

/** kompose's conversion of a compose file into Kubernetes objects, without reading any other file. */
export const composeToK8s = defineTool({
  name: 'docker_compose_to_k8s',
  title: 'Compose to Kubernetes (kompose conventions)',
  description:
    "Converts a Docker Compose file into Kubernetes Deployments (or StatefulSets/DaemonSets), Services, PersistentVolumeClaims, ConfigMaps, Secrets and NetworkPolicies following kompose's conventions (io.kompose.service labels, port names, restart policies, replicas, env, volumes), as multi-document YAML.",
  input: z
    .object({
      content: contentArg('The compose file, as text'),
      options: analyzerOptions({
        controller: z.enum(['deployment', 'statefulset', 'daemonset']).optional().describe('Workload kind for long-running services, default deployment'),
        pvcSize: z.string().regex(/^\d+(\.\d+)?(Ki|Mi|Gi|Ti|k|M|G|T)?$/, 'a Kubernetes quantity such as 100Mi').optional().describe('Storage request of each PersistentVolumeClaim, default 100Mi'),
      }),
    })
    .strict(),
  rules: RULES,
  run({ content, options }) {
    const file = parseCompose(content);
    const { docs, findings } = convert(file, { controller: options?.controller ?? 'deployment', pvcSize: options?.pvcSize ?? '100Mi' });
    const manifests = docs
      .map((d) => `${d.comment ? `# ${d.comment}\n` : ''}${emitYaml(d.body)}`)
      .join('---\n');
    return {
      findings,
      metrics: { services: file.services.length, objects: docs.length },
      artifacts: { manifests, objects: docs.map((d) => ({ kind: d.kind, name: d.name })) },
    };
  },
  render(envelope) {
    const objects = (envelope.artifacts?.objects ?? []) as { kind: string; name: string }[];
    return [table(['kind', 'name'], objects.map((o) => [o.kind, o.name])), `### Manifests\n\n\`\`\`yaml\n${String(envelope.artifacts?.manifests ?? '')}\`\`\``];
  },
});
