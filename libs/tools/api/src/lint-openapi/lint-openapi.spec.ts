import { readFileSync } from 'node:fs';
import { resultText, runTool, structured } from '@mcp/core-protocol/testing';
import type { Envelope, Finding } from '@mcp/core-response';
import { lintOpenApiTool } from './lint-openapi.tool';
import { LINT_RULES } from './lint-openapi.rules';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const lint = async (content: string, options?: object) => structured<Envelope>(await runTool(lintOpenApiTool, { content, options }));
const at = (findings: Finding[], ruleId: string) => findings.filter((f) => f.ruleId === ruleId).map((f) => f.location?.line);

describe('api_lint_openapi', () => {
  let problems: Finding[];
  let clean: Finding[];
  beforeAll(async () => {
    problems = (await lint(fixture('orders-problems.yaml'))).findings;
    clean = (await lint(fixture('clean.yaml'))).findings;
  });

  // Expected lines are Spectral 6.16's own results on the same file (spectral:oas, all rules).
  it.each([
    ['info-contact', [2]],
    ['info-description', [2]],
    ['tag-description', [6]],
    ['path-keys-no-trailing-slash', [10]],
    ['typed-enum', [20, 110]],
    ['operation-parameters', [21]],
    ['operation-tags', [29]],
    ['operation-operationId-unique', [30]],
    ['operation-success-response', [37]],
    ['operation-description', [41]],
    ['operation-operationId', [41]],
    ['path-params', [33, 41, 49, 96]],
    ['no-$ref-siblings', [61]],
    ['oas3-unused-component', [111, 114]],
    ['oas3-schema', [33, 99, 116]],
    ['path-no-verbs', [62]],
    ['path-kebab-case', [62, 70]],
    ['path-segment-plural', [80]],
  ])('%s fires where Spectral reports it and stays silent on a clean spec', (ruleId, lines) => {
    expect(at(problems, ruleId)).toEqual(lines);
    expect(at(clean, ruleId)).toEqual([]);
  });

  it('words findings with the subject and Spectral severities', () => {
    const unique = problems.find((f) => f.ruleId === 'operation-operationId-unique')!;
    expect(unique).toMatchObject({ severity: 'error', operation: 'GET /orders/{orderId}', path: 'paths./orders/{orderId}.get.operationId' });
    expect(unique.message).toContain('"listOrders"');
    const schema = problems.filter((f) => f.ruleId === 'oas3-schema').map((f) => f.message);
    expect(schema).toContain('Property "summary" is not expected to be here.');
    expect(schema).toContain('"required" property must be equal to constant.');
    // A $ref'd parameter is reported once, where it is defined.
    const required = problems.filter((f) => f.ruleId === 'path-params' && f.message.includes('"itemId"'));
    expect(required).toHaveLength(1);
    expect(required[0].path).toBe('components.parameters.ItemId');
    expect(problems.find((f) => f.ruleId === 'typed-enum')!.message).toBe('Enum value 3 must be "string".');
  });

  it('lints Swagger 2.0 with oas2-schema and body/formData rules', async () => {
    const { findings } = await lint(fixture('payments-swagger2.json'));
    expect(findings.map((f) => [f.ruleId, f.location?.line])).toEqual([
      ['operation-parameters', 19],
      ['oas2-schema', 40],
    ]);
    expect(findings[1].message).toBe('Invalid apiKey authentication security definition.');
  });

  it('knows OpenAPI 3.1: $ref siblings are allowed, type arrays with null', async () => {
    const { findings, metrics } = await lint(fixture('ledger-3.1.yaml'));
    expect(findings).toEqual([]);
    expect(metrics).toMatchObject({ version: '3.1', paths: 1, operations: 1 });
  });

  it('reports YAML and JSON syntax errors with line and column', async () => {
    expect(resultText(await runTool(lintOpenApiTool, { content: fixture('broken.yaml') }))).toBe(
      'line 8, column 3: Flow map in block collection must be sufficiently indented and end with a }',
    );
    expect(resultText(await runTool(lintOpenApiTool, { content: fixture('broken.json') }))).toBe(
      "line 4, column 24: Expected a property name in double quotes",
    );
    const notOpenApi = await runTool(lintOpenApiTool, { content: 'name: my-chart\nversion: 1.0.0\n' });
    expect(notOpenApi.isError).toBe(true);
    expect(resultText(notOpenApi)).toContain('Not an OpenAPI document');
  });

  it('rejects invalid arguments naming the field', async () => {
    const reply = await runTool(lintOpenApiTool, { content: 'x', options: { ignore: 'typed-enum' } });
    expect(resultText(reply)).toMatch(/^Invalid arguments: options\.ignore: /);
    expect(resultText(await runTool(lintOpenApiTool, {}))).toMatch(/content: /);
  });

  it('honours options.ignore and renders the per-rule table', async () => {
    const reply = await runTool(lintOpenApiTool, { content: fixture('orders-problems.yaml'), options: { ignore: ['oas3-schema'] } });
    const env = structured<Envelope>(reply);
    expect(env.findings.some((f) => f.ruleId === 'oas3-schema')).toBe(false);
    expect(resultText(reply)).toContain('| `path-params` | 4 |');
    expect(resultText(reply)).toContain('`operation-operationId-unique` (line 30:7)');
  });

  it('documents every rule it reports', () => {
    const ids = new Set(LINT_RULES.map((r) => r.id));
    for (const f of problems) expect(ids.has(f.ruleId)).toBe(true);
  });
});
