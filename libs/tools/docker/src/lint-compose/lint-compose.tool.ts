import { z } from 'zod';
import { analyzerOptions, contentArg, defineTool } from '@mcp/core-protocol';
import { table, type Finding } from '@mcp/core-response';
import { dependsOn, parseCompose, portsOf } from '../shared/compose/compose-model';
import { RULES, checkContainerNames, checkCycles, checkHealthDeps, checkImages, checkPorts, checkPrivileges, checkReferences, checkSchema, emitter } from './lint-compose.rules';

/** compose-spec schema validation plus dclint-style and structural checks. */
export const lintCompose = defineTool({
  name: 'docker_lint_compose',
  title: 'Compose file lint',
  description:
    'Lints a Docker Compose file: compose-spec schema errors, images without explicit tags, duplicate host ports and container names, depends_on cycles, undefined networks/volumes/secrets/configs, privileged services, host networking, and service_healthy dependencies without a healthcheck.',
  input: z.object({ content: contentArg('The compose file (compose.yaml / docker-compose.yml), as text'), options: analyzerOptions({}) }).strict(),
  rules: RULES,
  run({ content }) {
    const file = parseCompose(content);
    const findings: Finding[] = [];
    const emit = emitter(file, findings);
    checkSchema(file, emit);
    checkImages(file, emit);
    checkPorts(file, emit);
    checkContainerNames(file, emit);
    checkCycles(file, emit);
    checkReferences(file, emit);
    checkPrivileges(file, emit);
    checkHealthDeps(file, emit);
    return {
      findings,
      metrics: {
        services: file.services.map(([name, svc]) => ({
          name,
          image: typeof svc.image === 'string' ? svc.image : null,
          ports: portsOf(svc).filter((p) => p.published !== null).map((p) => `${p.published}:${p.target}/${p.protocol}`),
          dependsOn: dependsOn(svc).map((d) => d.name),
        })),
      },
    };
  },
  render(envelope) {
    const rows = (envelope.metrics?.services ?? []) as { name: string; image: string | null; ports: string[]; dependsOn: string[] }[];
    return [table(['service', 'image', 'published ports', 'depends on'], rows.map((r) => [r.name, r.image ?? '(build)', r.ports.join(', '), r.dependsOn.join(', ')]))];
  },
});
