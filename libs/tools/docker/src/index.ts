import type { ToolDefinition } from '@mcp/core-protocol';
import { analyzeK8sResources } from './analyze-k8s-resources/analyze-k8s-resources.tool';
import { auditK8sRbac } from './audit-k8s-rbac/audit-k8s-rbac.tool';
import { composeToK8s } from './compose-to-k8s/compose-to-k8s.tool';
import { lintCompose } from './lint-compose/lint-compose.tool';
import { lintK8sManifests } from './lint-k8s-manifests/lint-k8s-manifests.tool';
import { lintDockerfile } from './lint-dockerfile/lint-dockerfile.tool';
import { optimizeLayers } from './optimize-layers/optimize-layers.tool';
import { securityAudit } from './security-audit/security-audit.tool';
import { validateK8sSchema } from './validate-k8s-schema/validate-k8s-schema.tool';

/** Every docker tool, in the order tools/list shows them. */
export const tools: ToolDefinition[] = [lintDockerfile, optimizeLayers, securityAudit, lintCompose, composeToK8s, lintK8sManifests, validateK8sSchema, auditK8sRbac, analyzeK8sResources] as unknown as ToolDefinition[];
