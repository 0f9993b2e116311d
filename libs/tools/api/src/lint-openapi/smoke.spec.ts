import { readFileSync } from 'node:fs';
import { runTool, resultText } from '@mcp/core-protocol/testing';
import { lintOpenApiTool } from './lint-openapi.tool';
it('smoke', async () => {
  for (const f of [new URL('./fixtures/clean.yaml', import.meta.url), '/tmp/sp/a.yaml']) {
    const r = await runTool(lintOpenApiTool, { content: readFileSync(f, 'utf8') });
    console.log(resultText(r));
  }
});
