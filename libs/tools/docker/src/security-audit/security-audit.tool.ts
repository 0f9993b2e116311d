import { z } from 'zod';
import { analyzerOptions, contentArg, defineTool } from '@mcp/core-protocol';
import { table, type Finding } from '@mcp/core-response';
import { parseDockerfile } from '../shared/dockerfile/parse-dockerfile';
import {
  RULES,
  checkAddFromUrl,
  checkBaseImages,
  checkHealthcheck,
  checkLabels,
  checkRootUser,
  checkRuns,
  checkSecrets,
  makeFinding,
  type Report,
} from './security-audit.rules';

/** Trivy's Dockerfile misconfiguration checks (DS ids) plus supply-chain checks of our own. */
export const securityAudit = defineTool({
  name: 'docker_security_audit',
  title: 'Dockerfile security audit',
  description:
    'Audits a Dockerfile for security misconfigurations like Trivy (DS002 root user, DS031 secrets in ENV/ARG, DS026 no HEALTHCHECK, DS010 sudo) plus curl-pipe-shell, ADD from URLs, base images without a digest, and labels that ask for --privileged.',
  input: z.object({ content: contentArg('The Dockerfile, as text'), options: analyzerOptions({}) }).strict(),
  rules: Object.values(RULES).map(({ id, severity, summary, docs }) => ({ id, severity, summary, ...(docs ? { docs } : {}) })),
  run({ content }) {
    const df = parseDockerfile(content);
    const findings: Finding[] = [];
    const report: Report = (rule, at, message, fix, extra) => findings.push(makeFinding(rule, at, message, fix, extra));
    checkRootUser(df, report);
    checkSecrets(df, report);
    checkRuns(df, report);
    checkAddFromUrl(df, report);
    checkBaseImages(df, report);
    checkLabels(df, report);
    checkHealthcheck(df, report);
    const final = df.stages[df.stages.length - 1];
    return {
      findings,
      metrics: {
        stages: df.stages.length,
        baseImages: df.stages.map((s) => ({ name: s.image.text, line: s.from.line, digest: s.image.digest, stage: s.alias })),
        finalImage: final ? final.image.text : null,
      },
    };
  },
  render(envelope) {
    const rows = (envelope.metrics?.baseImages ?? []) as { name: string; line: number; digest: string | null; stage: string | null }[];
    return [table(['line', 'stage', 'base image', 'digest'], rows.map((r) => [r.line, r.stage ?? '', r.name, r.digest ?? 'not pinned']))];
  },
});
