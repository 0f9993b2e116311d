import { readFileSync } from 'node:fs';
import { runTool, resultText } from '@mcp/core-protocol/testing';
import { securityAuditTool } from './security-audit.tool';
it('smoke', async () => {
  for (const f of [new URL('../lint-openapi/fixtures/clean.yaml', import.meta.url)]) {
    const r = await runTool(securityAuditTool, { content: readFileSync(f, 'utf8') });
    console.log(resultText(r));
  }
});
