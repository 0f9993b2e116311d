import { readFileSync } from 'node:fs';
import { buildASTSchema, parse } from 'graphql';
import { diff } from '@graphql-inspector/core';
import { resultText, runTool, structured } from '@mcp/core-protocol/testing';
import type { Envelope, Finding } from '@mcp/core-response';
import { diffGraphqlTool } from './diff-graphql.tool';
import { readFixture } from '../testing/anchor';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const real = (name: string) => readFixture(new URL(`./fixtures/${name}`, import.meta.url));

describe('api_diff_graphql', () => {
  let env: Envelope;
  beforeAll(async () => {
    env = structured<Envelope>(await runTool(diffGraphqlTool, { before: fixture('shop-v1.graphql'), after: fixture('shop-v2.graphql') }));
  });
  const find = (type: string) => env.findings.filter((f) => f.ruleId === type);

  it.each([
    ['TYPE_REMOVED', 'BREAKING', 'GiftCard', 'before:32'],
    ['TYPE_ADDED', 'NON_BREAKING', 'Shipment', 'after:32'],
    ['FIELD_REMOVED', 'BREAKING', 'Customer.nickname', 'before:16'],
    ['FIELD_ADDED', 'NON_BREAKING', 'Order.buyer', 'after:23'],
    ['FIELD_TYPE_CHANGED', 'BREAKING', 'Order.total', 'after:21'],
    ['FIELD_ARGUMENT_ADDED', 'BREAKING', 'Query.order.locale', 'after:45'],
    ['FIELD_ARGUMENT_TYPE_CHANGED', 'BREAKING', 'Query.orders.first', 'after:46'],
    ['FIELD_ARGUMENT_DEFAULT_CHANGED', 'DANGEROUS', 'Order.lines.first', 'after:24'],
    ['FIELD_DEPRECATION_ADDED', 'NON_BREAKING', 'Order.customer.@deprecated', 'after:22'],
    ['ENUM_VALUE_ADDED', 'DANGEROUS', 'OrderStatus.REFUNDED', 'after:10'],
    ['ENUM_VALUE_REMOVED', 'BREAKING', 'OrderStatus.ARCHIVED', 'before:10'],
    ['INPUT_FIELD_ADDED', 'NON_BREAKING', 'OrderFilter.placedAfter', 'after:41'],
    ['UNION_MEMBER_ADDED', 'DANGEROUS', 'SearchResult', 'after:37'],
    ['UNION_MEMBER_REMOVED', 'BREAKING', 'SearchResult', 'before:36'],
    ['OBJECT_TYPE_INTERFACE_REMOVED', 'BREAKING', 'Customer', 'before:13'],
    ['DIRECTIVE_LOCATION_ADDED', 'NON_BREAKING', '@cacheControl', 'after:1'],
  ])('%s is %s at %s (%s)', (type, criticality, path, where) => {
    const [change, ...more] = find(type).filter((f) => f.path === path);
    expect(more).toEqual([]);
    expect(change).toMatchObject({ criticality, path, severity: { BREAKING: 'error', DANGEROUS: 'warning', NON_BREAKING: 'info' }[criticality] });
    expect(`${change.location?.path}:${change.location?.line}`).toBe(where);
  });

  it("keeps graphql-inspector's messages and reasons, and counts by criticality", () => {
    expect(find('FIELD_REMOVED')[0].message).toBe("Field 'nickname' was removed from object type 'Customer'");
    expect(find('ENUM_VALUE_ADDED')[0].fix).toMatch(/enum value/i);
    expect(find('TYPE_ADDED')[0].fix).toBeUndefined();
    const m = env.metrics as { breaking: number; dangerous: number; nonBreaking: number };
    expect(m).toMatchObject({
      breaking: env.findings.filter((f) => f.criticality === 'BREAKING').length,
      dangerous: env.findings.filter((f) => f.criticality === 'DANGEROUS').length,
      nonBreaking: env.findings.filter((f) => f.criticality === 'NON_BREAKING').length,
    });
    expect(m.breaking).toBeGreaterThan(0);
  });

  it('reports nothing for identical schemas', async () => {
    const same = structured<Envelope>(await runTool(diffGraphqlTool, { before: fixture('shop-v1.graphql'), after: fixture('shop-v1.graphql') }));
    expect(same.findings).toEqual([]);
  });

  it('agrees with @graphql-inspector/core on successive real GitHub schemas', async () => {
    const before = real('github-14.58.0.schema.graphql.gz');
    const after = real('github-15.26.0.schema.graphql.gz');
    // 2.4 MB together, over the 1 MiB a call may carry: run the analysis without the registry.
    const ours = ((await diffGraphqlTool.run({ before, after }, undefined as never)).findings ?? []) as Finding[];
    // GitHub's published SDL repeats a field definition, so build it as graphql-tools' loaders do.
    const build = (sdl: string) => buildASTSchema(parse(sdl), { assumeValidSDL: true });
    const anchor = await diff(build(before), build(after));
    const key = (type: string, level: string, path: string | undefined, message: string) => `${type}|${level}|${path}|${message}`;
    expect(ours.map((f) => key(f.ruleId, String(f.criticality), f.path as string | undefined, f.message)).sort()).toEqual(
      anchor.map((c) => key(c.type, c.criticality.level, c.path, c.message)).sort(),
    );
    expect(ours.length).toBeGreaterThan(100);
    expect(ours.every((f) => f.location !== undefined)).toBe(true);
  });

  it('names the side that fails to parse or build', async () => {
    expect(resultText(await runTool(diffGraphqlTool, { before: 'type Query { a: Int }', after: 'type Query {' }))).toBe(
      'after: line 1, column 13: Syntax Error: Expected Name, found <EOF>.',
    );
    expect(resultText(await runTool(diffGraphqlTool, { before: 'type Query { a: Missing }', after: 'type Query { a: Int }' }))).toBe(
      'before: line 1, column 17: Unknown type "Missing".',
    );
    expect(resultText(await runTool(diffGraphqlTool, { before: 'type Query { a: Int }' }))).toMatch(/^Invalid arguments: after: /);
  });
});
