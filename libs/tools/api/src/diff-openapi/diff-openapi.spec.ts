import { readFileSync } from 'node:fs';
import { resultText, runTool, structured } from '@mcp/core-protocol/testing';
import type { Envelope, Finding } from '@mcp/core-response';
import { diffOpenApiTool } from './diff-openapi.tool';
import { OASDIFF_LEVELS } from './diff-openapi.checks';
import { readFixture } from '../testing/anchor';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const real = (name: string) => readFixture(new URL(`./fixtures/${name}`, import.meta.url));
const diff = async (before: string, after: string, options?: object) => structured<Envelope>(await runTool(diffOpenApiTool, { before, after, options }));
const where = (f: Finding) => `${f.location?.path}:${f.location?.line}`;

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
    ['request-parameter-type-changed', 'GET /orders', 'after:23'],
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
