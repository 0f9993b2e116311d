import type { BenchCase } from '@mcp/core-protocol/testing';
import { lintDockerfile } from '../src/lint-dockerfile/lint-dockerfile.tool';
import { optimizeLayers } from '../src/optimize-layers/optimize-layers.tool';
import { securityAudit } from '../src/security-audit/security-audit.tool';
import { analyzeK8sResources } from '../src/analyze-k8s-resources/analyze-k8s-resources.tool';
import { auditK8sRbac } from '../src/audit-k8s-rbac/audit-k8s-rbac.tool';
import { composeToK8s } from '../src/compose-to-k8s/compose-to-k8s.tool';
import { lintCompose } from '../src/lint-compose/lint-compose.tool';
import { lintK8sManifests } from '../src/lint-k8s-manifests/lint-k8s-manifests.tool';
import { validateK8sSchema } from '../src/validate-k8s-schema/validate-k8s-schema.tool';
import { composeOfLines, dockerfileOfLines, k8sManifestsOfLines } from './inputs';

/** One case per docker tool; `input(30)` is also what the gateway integration test sends. */
export default [
  { tool: lintDockerfile, input: (lines: number) => ({ content: dockerfileOfLines(lines) }) },
  { tool: optimizeLayers, input: (lines: number) => ({ content: dockerfileOfLines(lines) }) },
  { tool: securityAudit, input: (lines: number) => ({ content: dockerfileOfLines(lines) }) },
  { tool: lintK8sManifests, input: (lines: number) => ({ content: k8sManifestsOfLines(lines) }) },
  { tool: validateK8sSchema, input: (lines: number) => ({ content: k8sManifestsOfLines(lines) }) },
  { tool: auditK8sRbac, input: (lines: number) => ({ content: k8sManifestsOfLines(lines) }) },
  { tool: analyzeK8sResources, input: (lines: number) => ({ content: k8sManifestsOfLines(lines) }) },
  { tool: lintCompose, input: (lines: number) => ({ content: composeOfLines(lines) }) },
  { tool: composeToK8s, input: (lines: number) => ({ content: composeOfLines(lines) }) },
] satisfies BenchCase[];
