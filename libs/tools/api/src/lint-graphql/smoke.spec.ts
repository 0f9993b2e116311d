import { readFileSync } from 'node:fs';
import { runTool, resultText } from '@mcp/core-protocol/testing';
import { lintGraphqlTool } from './lint-graphql.tool';
import { diffGraphqlTool } from '../diff-graphql/diff-graphql.tool';
it('smoke', async () => {
  const schema = readFileSync(new URL('./fixtures/shop.graphql', import.meta.url), 'utf8');
  const queries = readFileSync(new URL('./fixtures/shop-queries.graphql', import.meta.url), 'utf8');
  console.log(resultText(await runTool(lintGraphqlTool, { schema, queries })));
  const after = schema.replace('  legacyTotal: Float @deprecated(reason: "Use total.")\n', '').replace('  cancelled\n', '  cancelled\n  REFUNDED\n').replace('order(id: ID!)', 'order(id: ID!, locale: String!)');
  console.log(resultText(await runTool(diffGraphqlTool, { before: schema, after })));
});
