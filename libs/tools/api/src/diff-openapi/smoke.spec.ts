import { readFileSync } from 'node:fs';
import { diffOpenApiTool } from './diff-openapi.tool';
import { OpenApiDoc } from '../shared/openapi';
import { diffOpenApi } from './diff-openapi.checks';
it('smoke', async () => {
  for (const [a, b] of [['/tmp/apipk/x/blockfrost-openapi-0.1.86/package/openapi.yaml', '/tmp/apipk/x/blockfrost-openapi-0.1.93/package/openapi.yaml'], ['/tmp/apipk/x/netlify-open-api-2.50.0/package/dist/swagger.json', '/tmp/apipk/x/netlify-open-api-2.60.0/package/dist/swagger.json']]) {
    const t0 = performance.now();
    const f = diffOpenApi(OpenApiDoc.parse(readFileSync(a, 'utf8')), OpenApiDoc.parse(readFileSync(b, 'utf8')));
    console.log(performance.now() - t0, f.length, f.slice(0, 40).map((x) => `${x.ruleId} ${x.level} ${JSON.stringify(x.location)} ${x.message}`).join('\n'));
  }
  void diffOpenApiTool;
});
