import { z } from 'zod';
import { analyzerOptions, contentArg, defineTool } from '@mcp/core-protocol';
import { table, type Finding } from '@mcp/core-response';
import { containersOf, loadObjects } from '../shared/k8s/objects';
import { RULES, checkIsolation, checkServices, checkWorkload, emitter, podWorkloads } from './lint-k8s-manifests.rules';

/** kube-linter's default-style checks on workloads and services, with its check names. */
export const lintK8sManifests = defineTool({
  name: 'docker_lint_k8s_manifests',
  title: 'Kubernetes manifest lint (kube-linter checks)',
  description:
    'Lints Kubernetes manifests with kube-linter checks: CPU/memory requirements, latest or missing image tags, liveness/readiness probes, runAsNonRoot, read-only root filesystem, privilege escalation, privileged containers, host network/PID/IPC, services selecting no pods, pods no NetworkPolicy selects.',
  input: z.object({ content: contentArg('Kubernetes manifests: one or more YAML documents'), options: analyzerOptions({}) }).strict(),
  rules: RULES,
  run({ content }) {
    const objects = loadObjects(content);
    const findings: Finding[] = [];
    const emit = emitter(findings);
    const pods = podWorkloads(objects);
    for (const { obj, pod } of pods) checkWorkload(obj, pod, emit);
    checkServices(objects, pods, emit);
    checkIsolation(objects, pods, emit);
    const perObject = new Map<string, number>();
    for (const f of findings) perObject.set(String(f.object), (perObject.get(String(f.object)) ?? 0) + 1);
    return {
      findings,
      metrics: {
        objects: objects.length,
        workloads: pods.map(({ obj, pod }) => ({ name: obj.id, containers: containersOf(pod).length, findings: perObject.get(obj.id) ?? 0 })),
      },
    };
  },
  render(envelope) {
    const rows = (envelope.metrics?.workloads ?? []) as { name: string; containers: number; findings: number }[];
    return [table(['workload', 'containers', 'findings'], rows.map((r) => [r.name, r.containers, r.findings]))];
  },
});
