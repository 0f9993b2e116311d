import { readFileSync } from 'node:fs';
import { resultText, runTool, structured } from '@mcp/core-protocol/testing';
import type { Envelope, Finding } from '@mcp/core-response';
import { diffOpenApiTool } from './diff-openapi.tool';
import { OASDIFF_LEVELS, todayUtc } from './diff-openapi.checks';
import { CATALOG, PAYMENTS, type Expected } from './diff-openapi.expected';
import { readFixture } from '../testing/anchor';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const real = (name: string) => readFixture(new URL(`./fixtures/${name}`, import.meta.url));
const diff = async (before: string, after: string, options?: object) => structured<Envelope>(await runTool(diffOpenApiTool, { before, after, options }));
const where = (f: Finding) => `${f.location?.path}:${f.location?.line}`;
/** The fixtures' sunset dates (2020-01-01 passed, 2025-01-01 passed, 2026-01-01 ahead) are read against this day. */
const TODAY = '2025-06-01';
const byId = (rows: [string, string, string][]) => {
  const out = new Map<string, string[]>();
  for (const [id, op, at] of rows) out.set(id, [...(out.get(id) ?? []), `${op} @ ${at}`].sort());
  return out;
};
const found = (findings: Finding[]) => byId(findings.map((f) => [f.ruleId, String(f.operation ?? '-'), where(f)]));

describe('api_diff_openapi', () => {
  let changes: Finding[];
  let env: Envelope;
  beforeAll(async () => {
    env = await diff(fixture('orders-v1.yaml'), fixture('orders-v2.yaml'));
    changes = env.findings;
  });

  it.each([
    ['api-path-removed-without-deprecation', 'GET /legacy/report', 'before:99'],
    ['api-path-removed-with-deprecation', 'GET /old-export', 'before:105'],
    ['api-removed-without-deprecation', 'DELETE /orders/{orderId}', 'before:83'],
    ['api-removed-with-deprecation', 'PUT /orders/{orderId}', 'before:75'],
    ['endpoint-added', 'GET /shipments', 'after:105'],
    ['endpoint-deprecated', 'GET /orders', 'after:12'],
    ['new-required-request-parameter', 'GET /orders', 'after:29'],
    ['new-optional-request-parameter', 'GET /orders', 'after:34'],
    ['request-parameter-removed', 'GET /orders', 'before:18'],
    ['request-parameter-became-required', 'GET /orders', 'after:16'],
    ['request-parameter-enum-value-removed', 'GET /orders', 'after:19'],
    ['request-parameter-enum-value-added', 'GET /orders', 'after:19'],
    // integer -> string on a query parameter: a scalar parameter is text on the wire, so oasdiff
    // calls this widening (request-parameter-type-generalized), not request-parameter-type-changed.
    ['request-parameter-type-generalized', 'GET /orders', 'after:23'],
    ['request-parameter-max-length-decreased', 'GET /orders', 'after:28'],
    ['request-body-became-required', 'POST /orders', 'after:51'],
    ['request-body-media-type-removed', 'POST /orders', 'before:49'],
    ['request-body-media-type-added', 'POST /orders', 'after:56'],
    ['new-required-request-property', 'POST /orders', 'after:147'],
    ['new-optional-request-property', 'POST /orders', 'after:149'],
    ['request-property-removed', 'POST /orders', 'before:152'],
    ['request-property-became-required', 'POST /orders', 'after:142'],
    ['request-property-type-changed', 'POST /orders', 'after:141'],
    ['request-property-enum-value-removed', 'POST /orders', 'after:146'],
    ['response-success-status-removed', 'POST /orders', 'before:53'],
    ['response-success-status-added', 'POST /orders', 'after:60'],
    ['request-body-added-required', 'POST /orders/{id}/cancel', 'after:92'],
    ['api-operation-id-removed', 'GET /orders/{id}', 'after:64'],
    ['api-tag-removed', 'GET /orders/{id}', 'after:63'],
    ['api-tag-added', 'GET /orders/{id}', 'after:65'],
    ['api-security-removed', 'GET /orders/{id}', 'after:66'],
    ['api-security-added', 'GET /orders/{id}', 'after:66'],
    ['response-media-type-removed', 'GET /orders/{id}', 'before:70'],
    ['response-non-success-status-removed', 'GET /orders/{id}', 'before:73'],
    ['response-non-success-status-added', 'GET /orders/{id}', 'after:81'],
    ['response-required-property-removed', 'GET /orders/{id}', 'before:168'],
    ['response-optional-property-removed', 'GET /orders/{id}', 'before:171'],
    ['response-required-property-added', 'GET /orders/{id}', 'after:162'],
    ['response-optional-property-added', 'GET /orders/{id}', 'after:164'],
    ['response-property-became-optional', 'GET /orders/{id}', 'after:157'],
    ['response-property-type-changed', 'GET /orders/{id}', 'after:161'],
    ['response-property-enum-value-added', 'GET /orders/{id}', 'after:159'],
  ])('%s: %s at %s, with oasdiff level', (ruleId, operation, loc) => {
    const hits = changes.filter((f) => f.ruleId === ruleId);
    expect(hits.map((f) => [f.operation, where(f)])).toEqual([[operation, loc]]);
    const level = OASDIFF_LEVELS[ruleId];
    expect(hits[0]).toMatchObject({ level, severity: { ERR: 'error', WARN: 'warning', INFO: 'info' }[level] });
  });

  it('sees no change when schemas move to components, split into allOf, or paths are reordered', async () => {
    const { findings, metrics } = await diff(fixture('orders-v1.yaml'), fixture('orders-v1-refactored.yaml'));
    expect(findings).toEqual([]);
    expect(metrics).toMatchObject({ breaking: 0, warnings: 0, infos: 0 });
    expect((await diff(fixture('orders-v2.yaml'), fixture('orders-v2.yaml'))).findings).toEqual([]);
  });

  it('writes messages and a changelog grouped by level', () => {
    const removed = changes.find((f) => f.ruleId === 'response-required-property-removed')!;
    expect(removed.message).toBe('GET /orders/{id}: removed the required property createdAt from the response with the 200 status');
    expect(removed.fix).toContain('createdAt');
    const changelog = env.artifacts!.changelog as string;
    expect(changelog.indexOf('## Breaking changes (ERR)')).toBeLessThan(changelog.indexOf('## Warnings (WARN)'));
    expect(changelog.indexOf('## Warnings (WARN)')).toBeLessThan(changelog.indexOf('## Other changes (INFO)'));
    expect(changelog).toContain('- GET /legacy/report: api path removed without deprecation (`api-path-removed-without-deprecation`)');
    const m = env.metrics as { breaking: number; warnings: number; infos: number };
    expect(m.breaking).toBe(changes.filter((f) => f.level === 'ERR').length);
    expect(m.warnings).toBe(4);
    expect(m.breaking + m.warnings + m.infos).toBe(changes.length);
  });

  describe.each([
    ['catalog (OpenAPI 3.0)', 'catalog', CATALOG],
    ['payments (OpenAPI 3.1)', 'payments', PAYMENTS],
  ] as [string, string, Expected][])('the %s pair', (_, name, expected) => {
    let findings: Finding[];
    beforeAll(async () => {
      findings = (await diff(fixture(`${name}-v1.yaml`), fixture(`${name}-v2.yaml`), { today: TODAY })).findings;
    });

    it.each([...byId(expected)])('%s', (ruleId, hits) => {
      expect(found(findings).get(ruleId)).toEqual(hits);
      const level = OASDIFF_LEVELS[ruleId];
      for (const f of findings.filter((x) => x.ruleId === ruleId)) expect(f).toMatchObject({ level, severity: { ERR: 'error', WARN: 'warning', INFO: 'info' }[level] });
    });

    it('reports nothing beyond the listed changes', () => {
      expect(findings.map((f) => f.ruleId).filter((id) => !byId(expected).has(id))).toEqual([]);
      expect(findings).toHaveLength(expected.length);
    });

    it('stays silent on an identical pair, for every family', async () => {
      expect((await diff(fixture(`${name}-v1.yaml`), fixture(`${name}-v1.yaml`), { today: TODAY })).findings).toEqual([]);
      expect((await diff(fixture(`${name}-v2.yaml`), fixture(`${name}-v2.yaml`), { today: TODAY })).findings).toEqual([]);
    });
  });

  it('words messages as oasdiff does', async () => {
    const { findings } = await diff(fixture('catalog-v1.yaml'), fixture('catalog-v2.yaml'), { today: TODAY });
    const text = (id: string) => findings.filter((f) => f.ruleId === id).map((f) => f.message);
    // float64 values print with two decimals, uint64 ones as integers, as oasdiff prints them.
    expect(text('request-parameter-max-decreased')).toEqual(['GET /products: for the query request parameter limit, the max was decreased from 100.00 to 50.00']);
    expect(text('request-property-max-length-decreased')).toEqual(["POST /products: the name request property's maxLength was decreased to 50"]);
    expect(text('request-parameter-pattern-generalized')).toEqual(['GET /products: changed the pattern of the query request parameter region from ^[a-z]{2}$ to a more general pattern .*']);
    expect(text('response-header-type-compatible')).toEqual(["GET /products/{id}: the X-Version response header's type changed from string to integer for the status 200 (backward compatible)"]);
    expect(text('api-sunset-date-changed-too-small')).toEqual([
      'GET /products/{id}/variants: api sunset date changed to an earlier date, from 2026-01-01 to 2025-01-01, new sunset date must be not earlier than 2026-01-01 and at least 0 days from now',
    ]);
    expect(text('api-security-scope-removed')).toEqual(["PATCH /products/{id}: the security scope products:read was removed from the endpoint's security scheme oauth"]);
    const payments = (await diff(fixture('payments-v1.yaml'), fixture('payments-v2.yaml'), { today: TODAY })).findings;
    expect(payments.find((f) => f.ruleId === 'request-property-type-generalized')?.message).toBe('POST /payments: the reference request property type was widened from string to string, integer');
    expect(payments.find((f) => f.ruleId === 'response-property-discriminator-mapping-changed')?.message).toBe(
      'GET /payments/{id}: mapped value for discriminator key bank changed from #/components/schemas/BankTransfer to BankTransfer for method response property for the response status 200',
    );
    const withSunset = findings.find((f) => f.ruleId === 'request-parameter-removed-before-sunset')!;
    expect(withSunset.message).toBe('GET /products: deleted the query request parameter category before the sunset date 2026-01-01');
    expect(withSunset.fix).toContain('2026-01-01');
  });

  it('explains a recognized transition once: a nullable oneOf wrapping is not a type change or a oneOf', async () => {
    const { findings } = await diff(fixture('payments-v1.yaml'), fixture('payments-v2.yaml'), { today: TODAY });
    const customer = findings.filter((f) => f.operation === 'GET /payments/{id}' && /customer/.test(f.message));
    expect(customer.map((f) => f.ruleId)).toEqual(['response-property-became-nullable']);
    const wrapped = findings.filter((f) => f.operation === 'POST /payments/{id}/authorization');
    expect(wrapped.map((f) => f.ruleId).sort()).toEqual(['request-body-wrapped-in-one-of', 'response-body-wrapped-in-one-of']);
  });

  it('measures sunsets against options.today, and defaults to the current date', async () => {
    const later = (await diff(fixture('catalog-v1.yaml'), fixture('catalog-v2.yaml'), { today: '2026-06-01' })).findings;
    // Once the sunset date has passed, removing the operation or parameter was announced: no change.
    expect(later.filter((f) => /before-sunset/.test(f.ruleId))).toEqual([]);
    expect(later.find((f) => f.operation === 'GET /products/{id}/reviews')?.ruleId).toBe('api-sunset-date-too-small');
    const now = await diff(fixture('catalog-v1.yaml'), fixture('catalog-v2.yaml'));
    expect(now.findings).toEqual((await diff(fixture('catalog-v1.yaml'), fixture('catalog-v2.yaml'), { today: todayUtc() })).findings);
  });

  it("requires a sunset date when oasdiff's deprecation days are set", async () => {
    const options = { today: TODAY, deprecationDaysStable: 30 };
    const catalog = (await diff(fixture('catalog-v1.yaml'), fixture('catalog-v2.yaml'), options)).findings;
    const orders = (await diff(fixture('orders-v1.yaml'), fixture('orders-v2.yaml'), options)).findings;
    expect(found([...catalog, ...orders].filter((f) => /sunset-missing|too-small/.test(f.ruleId)))).toEqual(
      byId([
        ['api-deprecated-sunset-missing', 'GET /orders', 'after:12'],
        ['request-parameter-deprecated-sunset-missing', 'GET /products', 'after:89'],
        ['request-property-deprecated-sunset-missing', 'POST /products', 'after:576'],
        ['response-property-deprecated-sunset-missing', 'GET /products/{id}', 'after:620'],
        ['api-sunset-date-too-small', 'GET /products/{id}/related', 'after:439'],
        ['api-sunset-date-changed-too-small', 'GET /products/{id}/variants', 'after:465'],
        ['request-parameter-sunset-date-too-small', 'GET /products', 'after:97'],
        ['request-parameter-sunset-date-changed-too-small', 'GET /products', 'after:106'],
        ['request-property-sunset-date-too-small', 'POST /products', 'after:580'],
        ['response-property-sunset-date-too-small', 'GET /products/{id}', 'after:624'],
      ]),
    );
    expect(catalog.find((f) => f.ruleId === 'api-sunset-date-too-small')?.message).toMatch(/at least 30 days from now$/);
    // Deprecating with a sunset 214 days ahead satisfies 30 days.
    expect(catalog.filter((f) => f.ruleId === 'request-property-deprecated-with-sunset')).toHaveLength(1);
  });

  it('leaves draft and alpha endpoints alone, and an announced removal silent', async () => {
    const { findings } = await diff(fixture('catalog-v1.yaml'), fixture('catalog-v2.yaml'), { today: TODAY });
    expect(findings.filter((f) => f.operation === 'GET /products/lab' || f.operation === 'GET /products/archive')).toEqual([]);
  });

  it('sees no composition change when a oneOf member moves between inline and $ref', async () => {
    const doc = (member: string) =>
      [
        'openapi: 3.1.0',
        'info: { title: t, version: "1" }',
        'paths:',
        '  /pets:',
        '    post:',
        '      requestBody:',
        '        content:',
        '          application/json:',
        '            schema:',
        '              oneOf:',
        `                - ${member}`,
        '                - { type: object, properties: { bark: { type: boolean } } }',
        '      responses:',
        "        '204': { description: ok }",
        'components:',
        '  schemas:',
        '    Cat: { type: object, description: A cat., properties: { meow: { type: boolean } } }',
      ].join('\n');
    const inline = doc('{ type: object, properties: { meow: { type: boolean } } }');
    const ref = doc("$ref: '#/components/schemas/Cat'");
    expect((await diff(inline, ref, { today: TODAY })).findings).toEqual([]);
    const other = doc('{ type: object, properties: { purr: { type: boolean } } }');
    // A lone untitled inline member that changed is the same member, modified: its properties are compared.
    expect((await diff(inline, other, { today: TODAY })).findings.map((f) => f.message).sort()).toEqual([
      'POST /pets: added the new optional request property oneOf[subschema #1]/purr',
      'POST /pets: removed the request property oneOf[subschema #1]/meow',
    ]);
  });

  it.each([
    ['1.0.0', '1.0.0', 'api-version-not-bumped', 'a breaking change was detected but the version is still 1.0.0'],
    ['1.2.0', '1.1.9', 'api-version-decreased', 'a breaking change was detected but the version decreased from 1.2.0 to 1.1.9'],
    ['1.2.0', '1.3.0', 'api-major-version-not-bumped', 'a breaking change was detected but the major version did not increase, from 1.2.0 to 1.3.0'],
    ['0.2.0', '0.3.0', undefined, undefined],
    ['1.2.0', '2.0.0', undefined, undefined],
  ])('versioning policy: %s -> %s with a breaking change', async (from, to, id, message) => {
    const doc = (version: string, status: string) =>
      ['openapi: 3.0.3', `info: { title: t, version: "${version}" }`, 'paths:', '  /pets:', '    get:', '      responses:', `        '${status}': { description: ok }`].join('\n');
    const { findings } = await diff(doc(from, '200'), doc(to, '201'), { today: TODAY });
    expect(findings.filter((f) => f.ruleId.startsWith('api-') && f.ruleId.includes('version')).map((f) => [f.ruleId, f.message, where(f)])).toEqual(id ? [[id, message, 'after:2']] : []);
  });

  it('diffs successive real versions of the Netlify API (Swagger 2.0)', async () => {
    // The pair is 1.3 MB, over the 1 MiB a call may carry: run the analysis without the registry.
    const out = await diffOpenApiTool.run({ before: real('netlify-2.50.0.swagger.json.gz'), after: real('netlify-2.60.0.swagger.json.gz') }, undefined as never);
    const findings = out.findings ?? [];
    // 2.60.0 replaced the required deploy_id of database branches with a required branch_id.
    const branch = findings.filter((f) => f.operation === 'POST /sites/{site_id}/database/branch' && f.level !== 'INFO').map((f) => [f.ruleId, f.message]);
    expect(branch).toEqual([
      ['request-property-removed', 'POST /sites/{site_id}/database/branch: removed the request property deploy_id'],
      ['new-required-request-property', 'POST /sites/{site_id}/database/branch: added the new required request property branch_id'],
    ]);
    expect(findings.filter((f) => f.ruleId === 'endpoint-added')).toHaveLength(16);
    // A breaking change shipped as a minor release (2.50.0 -> 2.60.0): oasdiff's versioning policy notes it.
    expect(findings.filter((f) => f.ruleId === 'api-major-version-not-bumped').map((f) => f.message)).toEqual([
      'a breaking change was detected but the major version did not increase, from 2.50.0 to 2.60.0',
    ]);
    expect(findings.some((f) => f.ruleId.startsWith('api-') && f.ruleId.includes('removed'))).toBe(false);
  });

  it('diffs successive real versions of the Blockfrost API (OpenAPI 3.0, YAML)', async () => {
    const before = real('blockfrost-0.1.86.openapi.yaml.gz');
    const after = real('blockfrost-0.1.93.openapi.yaml.gz');
    const { findings } = await diff(before, after);
    const added = findings.filter((f) => f.ruleId === 'endpoint-added').map((f) => f.operation);
    expect(added).toEqual(expect.arrayContaining(['GET /governance/committee', 'GET /assets/{asset}/utxos', 'GET /scripts/{script_hash}/utxos']));
    for (const op of added) {
      const path = String(op).split(' ')[1];
      const key = new RegExp(`\\n  ['"]?${path.replace(/[{}/]/g, '\\$&')}['"]?:`);
      expect(key.test(before)).toBe(false);
      expect(key.test(after)).toBe(true);
    }
    expect(findings.filter((f) => f.level === 'ERR')).toEqual([]);
    // 0.1.93 marked epoch parameters' cost_models deprecated: true (checked in both files).
    expect(findings.filter((f) => f.ruleId === 'response-property-deprecated').map((f) => [f.operation, where(f)])).toEqual([
      ['GET /epochs/latest/parameters', 'after:9164'],
      ['GET /epochs/{number}/parameters', 'after:9164'],
    ]);
    expect(findings.filter((f) => f.ruleId === 'response-property-enum-value-added').map((f) => f.message)).toContain(
      'GET /txs/{hash}/redeemers: added the new vote enum value to the items/purpose response property for the response status 200',
    );
  });

  it('names the side that does not parse, and the field of bad arguments', async () => {
    const bad = await runTool(diffOpenApiTool, { before: fixture('orders-v1.yaml'), after: 'openapi: 3.0.3\npaths: {\n' });
    expect(resultText(bad)).toMatch(/^after: line 3, column 1: /);
    const notOas = await runTool(diffOpenApiTool, { before: '{"name": "x"}', after: fixture('orders-v1.yaml') });
    expect(resultText(notOas)).toMatch(/^before: Not an OpenAPI document/);
    expect(resultText(await runTool(diffOpenApiTool, { before: 'x' }))).toMatch(/^Invalid arguments: after: /);
  });
});
