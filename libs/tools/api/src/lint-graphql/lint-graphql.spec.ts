import { readFileSync } from 'node:fs';
import { resultText, runTool, structured } from '@mcp/core-protocol/testing';
import type { Envelope, Finding } from '@mcp/core-response';
import { lintGraphqlTool } from './lint-graphql.tool';
import { GRAPHQL_LINT_RULES } from './lint-graphql.rules';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const lint = async (args: object) => structured<Envelope>(await runTool(lintGraphqlTool, args));
const hits = (findings: Finding[], ruleId: string) => findings.filter((f) => f.ruleId === ruleId).map((f) => `${f.location?.path}:${f.location?.line}:${f.location?.column}`);

describe('api_lint_graphql', () => {
  let clean: Envelope;
  let invalid: Finding[];
  let shop: Envelope;
  beforeAll(async () => {
    clean = await lint({ schema: fixture('store.graphql'), queries: fixture('store-queries.graphql') });
    invalid = (await lint({ schema: fixture('store.graphql'), queries: fixture('invalid-queries.graphql') })).findings;
    shop = await lint({ schema: fixture('shop.graphql'), queries: fixture('shop-queries.graphql') });
  });

  it('finds nothing in a well-kept schema with valid operations', () => {
    expect(clean.findings).toEqual([]);
  });

  it.each([
    ['fields-on-correct-type', ['queries:4:5'], 'Cannot query field "statuss" on type "Order". Did you mean "status"?'],
    ['scalar-leafs', ['queries:5:5'], 'Field "customer" of type "Customer!" must have a selection of subfields. Did you mean "customer { ... }"?'],
    ['known-argument-names', ['queries:6:26'], 'Unknown argument "sort" on field "Order.lines".'],
    ['variables-in-allowed-position', ['queries:1:27'], 'Variable "$first" of type "String" used in position expecting type "Int".'],
    ['possible-fragment-spread', ['queries:9:5'], 'Fragment cannot be spread here as objects of type "Order" can never be of type "Customer".'],
    ['no-undefined-variables', ['queries:13:17'], 'Variable "$pageSize" is not defined by operation "OrderPage".'],
    ['no-unused-variables', ['queries:1:43'], 'Variable "$unused" is never used in operation "OrderPage".'],
    ['provided-required-arguments', ['queries:16:3'], 'Field "search" argument "text" of type "String!" is required, but it was not provided.'],
  ])('%s reports graphql-js errors at their position', (ruleId, where, message) => {
    expect(hits(invalid, ruleId)).toEqual(where);
    expect(invalid.find((f) => f.ruleId === ruleId)!).toMatchObject({ severity: 'error', message });
    expect(hits(clean.findings, ruleId)).toEqual([]);
  });

  it('no-deprecated flags deprecated fields and enum values used by operations', () => {
    expect(invalid.filter((f) => f.ruleId === 'no-deprecated').map((f) => [f.location?.line, f.path, f.severity])).toEqual([
      [23, 'Order.legacyNumber', 'warning'],
      [25, 'OrderStatus.CANCELLED', 'warning'],
    ]);
  });

  it.each([
    ['naming-convention', ['schema:13:3', 'schema:22:3', 'schema:54:7']],
    ['require-description', ['schema:38:6', 'schema:50:3', 'schema:51:3', 'schema:54:7']],
    ['list-pagination', ['schema:35:3', 'schema:51:3']],
  ])('%s checks the SDL', (ruleId, where) => {
    expect(hits(shop.findings, ruleId)).toEqual(where);
  });

  it('names the subject and the fix in schema findings', () => {
    const enumValue = shop.findings.find((f) => f.ruleId === 'naming-convention' && f.path === 'OrderStatus.cancelled')!;
    expect(enumValue.message).toBe('Enum value "OrderStatus.cancelled" should be in UPPER_CASE format');
    expect(enumValue.fix).toBe('Rename it to "CANCELLED".');
    expect(shop.findings.find((f) => f.path === 'Customer.display_name')!.fix).toBe('Rename it to "displayName".');
  });

  it('measures depth, aliases and cost per operation as graphql-depth-limit and graphql-armor do', () => {
    expect((clean.metrics as { operations: unknown[] }).operations).toEqual([
      // me(2 + 1.5 * (displayName 1 + orders(...))) ... computed by graphql-armor's formula.
      { name: 'MyOrders', type: 'query', depth: 4, aliases: 0, cost: expect.any(Number) },
      { name: 'Search', type: 'query', depth: 1, aliases: 0, cost: expect.any(Number) },
      { name: 'Cancel', type: 'mutation', depth: 1, aliases: 0, cost: 2 + 1.5 * (2 + 1.5 * 2) },
    ]);
    const ops = (shop.metrics as { operations: { name: string; depth: number; aliases: number }[] }).operations;
    expect(ops.map((o) => [o.name, o.depth, o.aliases])).toEqual([
      ['MyOrders', 8, 0],
      ['OrdersByStatus', 2, 2],
    ]);
    expect(hits(shop.findings, 'max-depth')).toEqual(['queries:1:7']);
  });

  it('applies maxAliases, maxCost and maxDepth from options', async () => {
    const tight = await lint({ schema: fixture('shop.graphql'), queries: fixture('shop-queries.graphql'), options: { maxAliases: 1, maxCost: 20, maxDepth: 10 } });
    expect(hits(tight.findings, 'max-aliases')).toEqual(['queries:12:7']);
    expect(hits(tight.findings, 'cost-limit')).toEqual(['queries:1:7']);
    expect(hits(tight.findings, 'max-depth')).toEqual([]);
    const alias = tight.findings.find((f) => f.ruleId === 'max-aliases')!;
    expect(alias.message).toBe('Operation "OrdersByStatus" uses 2 aliases, over the limit of 1');
  });

  it('counts aliases once per fragment spread and expands fragments for depth', async () => {
    const queries = 'fragment F on Order { a: id b: id customer { id } }\nquery Q { order(id: 1) { ...F } orders { ...F } }';
    const { metrics } = await lint({ schema: fixture('shop.graphql'), queries });
    expect((metrics as { operations: unknown[] }).operations).toEqual([{ name: 'Q', type: 'query', depth: 2, aliases: 4, cost: expect.any(Number) }]);
  });

  it('reports SDL validation errors under their graphql-eslint ids', async () => {
    const { findings } = await lint({ schema: 'type Query { a: Widget }\ntype Query { b: Int }\n' });
    expect(findings.filter((f) => f.severity === 'error').map((f) => [f.ruleId, f.location?.line, f.location?.column])).toEqual([
      ['unique-type-names', 1, 6],
      ['known-type-names', 1, 17],
    ]);
  });

  it('reports syntax errors with line and column, naming the argument', async () => {
    expect(resultText(await runTool(lintGraphqlTool, { schema: 'type Query {\n  a: String\n' }))).toBe('schema: line 3, column 1: Syntax Error: Expected Name, found <EOF>.');
    expect(resultText(await runTool(lintGraphqlTool, { schema: fixture('store.graphql'), queries: 'query { me { id }' }))).toBe(
      'queries: line 1, column 18: Syntax Error: Expected Name, found <EOF>.',
    );
    expect(resultText(await runTool(lintGraphqlTool, { schema: 'x', options: { maxDepth: -1 } }))).toMatch(/^Invalid arguments: options\.maxDepth: /);
  });

  it('documents every rule it reports', () => {
    const ids = new Set(GRAPHQL_LINT_RULES.map((r) => r.id));
    for (const f of [...invalid, ...shop.findings]) expect(ids.has(f.ruleId)).toBe(true);
  });
});
