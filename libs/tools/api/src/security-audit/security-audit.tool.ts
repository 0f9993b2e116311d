import { z } from 'zod';
import { analyzerOptions, contentArg, defineTool } from '@mcp/core-protocol';
import { table } from '@mcp/core-response';
import { OpenApiDoc } from '../shared/openapi';
import { SECURITY_RULES, auditOpenApi } from './security-audit.rules';

const CATEGORIES = ['API1:2023', 'API2:2023', 'API3:2023', 'API4:2023', 'API5:2023', 'API6:2023', 'API7:2023', 'API8:2023', 'API9:2023', 'API10:2023'];

export const securityAuditTool = defineTool({
  name: 'api_security_audit',
  title: 'API security audit (OWASP API Top 10 2023)',
  description:
    'Audits an OpenAPI 2.0/3.x document (YAML or JSON) against the OWASP API Security Top 10 (2023) with the rules of ' +
    "Spectral's OWASP ruleset 2.0: missing security on operations, HTTP Basic, API keys in URLs, JWT practices, open " +
    'additionalProperties, unbounded strings/arrays/integers, missing rate limits and 401/403/429/500 responses, http ' +
    'servers, SSRF-prone URL parameters, sensitive fields in responses. Each finding carries its OWASP category.',
  input: z
    .object({
      content: contentArg('The OpenAPI document (YAML or JSON) as text'),
      options: analyzerOptions({}),
    })
    .strict(),
  rules: SECURITY_RULES.map(({ id, severity, summary, docs }) => ({ id, severity, summary, docs })),
  run({ content, options }) {
    const doc = OpenApiDoc.parse(content);
    const { findings } = auditOpenApi(doc);
    // Counted after options.ignore so that the table matches the findings shown.
    const ignored = new Set(options?.ignore ?? []);
    const categories = CATEGORIES.map((name) => ({
      name,
      findings: findings.filter((f) => f.owasp === name && !ignored.has(f.ruleId)).length,
    }));
    return {
      findings,
      metrics: { version: doc.version, operations: doc.operations().length, categories },
    };
  },
  render(envelope) {
    const m = envelope.metrics as { categories: { name: string; findings: number }[] } | undefined;
    return m ? [table(['OWASP category', 'findings'], m.categories.map((c) => [c.name, c.findings]))] : [];
  },
});
