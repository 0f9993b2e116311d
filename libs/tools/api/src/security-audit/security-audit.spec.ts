import { readFileSync } from 'node:fs';
import { resultText, runTool, structured } from '@mcp/core-protocol/testing';
import type { Envelope, Finding } from '@mcp/core-response';
import { securityAuditTool } from './security-audit.tool';
import { SECURITY_RULES } from './security-audit.rules';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const audit = async (name: string) => structured<Envelope>(await runTool(securityAuditTool, { content: fixture(name) }));
const lines = (findings: Finding[], ruleId: string) => findings.filter((f) => f.ruleId === ruleId).map((f) => f.location!.line).sort((a, b) => a - b);

// Expected lines: Spectral 6.16 with @stoplight/spectral-owasp-ruleset 2.0.1 on the same files.
const LEGACY: Record<string, number[]> = {
  'owasp:api1:2023-no-numeric-ids': [22],
  'owasp:api2:2023-auth-insecure-schemes': [92],
  'owasp:api2:2023-jwt-best-practices': [93, 99],
  'owasp:api2:2023-no-api-keys-in-url': [88],
  'owasp:api2:2023-no-credentials-in-url': [24],
  'owasp:api2:2023-no-http-basic': [85],
  'owasp:api2:2023-short-lived-access-tokens': [101],
  'owasp:api2:2023-write-restricted': [57],
  'owasp:api3:2023-constrained-additionalProperties': [127],
  'owasp:api3:2023-no-additionalProperties': [107, 129],
  'owasp:api4:2023-array-limit': [122],
  'owasp:api4:2023-integer-format': [22],
  'owasp:api4:2023-integer-limit-legacy': [22, 109],
  'owasp:api4:2023-rate-limit': [33, 71, 79],
  'owasp:api4:2023-rate-limit-responses-429': [70, 70, 78, 78],
  'owasp:api4:2023-rate-limit-retry-after': [43],
  'owasp:api4:2023-string-limit': [35, 112],
  'owasp:api4:2023-string-restricted': [35, 112],
  'owasp:api5:2023-admin-security-unique': [77],
  'owasp:api7:2023-concerning-url-parameter': [59],
  'owasp:api8:2023-define-cors-origin': [33, 43],
  'owasp:api8:2023-define-error-responses-401': [30, 30, 70, 70, 78, 78],
  'owasp:api8:2023-define-error-responses-500': [30, 30, 70, 70, 78, 78],
  'owasp:api8:2023-define-error-validation': [30, 70, 78],
  'owasp:api8:2023-no-server-http': [7],
  'owasp:api9:2023-inventory-access': [7],
  'owasp:api9:2023-inventory-environment': [8],
  'sensitive-data-in-response': [114, 118],
  'define-error-responses-403': [30, 78],
};
const EVENTS_31: Record<string, number[]> = {
  'owasp:api2:2023-write-restricted': [8],
  'owasp:api3:2023-constrained-unevaluatedProperties': [13],
  'owasp:api3:2023-no-unevaluatedProperties': [15, 28],
  'owasp:api4:2023-integer-limit': [20],
  'owasp:api4:2023-rate-limit': [30],
};
const CATALOG_20: Record<string, number[]> = {
  'owasp:api8:2023-no-scheme-http': [5],
  'owasp:api8:2023-define-error-responses-401': [17, 17],
};

describe('api_security_audit', () => {
  let legacy: Finding[];
  let hardened: Finding[];
  beforeAll(async () => {
    legacy = (await audit('legacy-insecure.yaml')).findings;
    hardened = (await audit('hardened.yaml')).findings;
  });

  it.each(Object.entries(LEGACY))('%s fires on the legacy API where Spectral does, not on the hardened one', (ruleId, expected) => {
    expect(lines(legacy, ruleId)).toEqual(expected);
    expect(lines(hardened, ruleId)).toEqual([]);
  });

  it.each([
    ['events-3.1.yaml', EVENTS_31],
    ['catalog-swagger2.json', CATALOG_20],
  ])('applies the version-specific rules on %s', async (name, expected) => {
    const { findings } = await audit(name);
    for (const [ruleId, want] of Object.entries(expected)) expect([ruleId, lines(findings, ruleId)]).toEqual([ruleId, want]);
    // The 3.0-only and 3.1-only variants never cross versions.
    const ids = new Set(findings.map((f) => f.ruleId));
    if (name.includes('3.1')) expect(ids.has('owasp:api4:2023-integer-limit-legacy')).toBe(false);
    else expect(ids.has('owasp:api4:2023-integer-limit')).toBe(false);
  });

  it('is silent on the hardened API altogether', () => {
    expect(hardened).toEqual([]);
  });

  it('maps every finding to its OWASP category and names the subject', () => {
    for (const f of legacy) expect(f.owasp).toMatch(/^API\d+:2023$/);
    const basic = legacy.find((f) => f.ruleId === 'owasp:api2:2023-no-http-basic')!;
    expect(basic).toMatchObject({ severity: 'error', owasp: 'API2:2023', path: 'components.securitySchemes.basicAuth.scheme' });
    expect(basic.message).toContain('"basicAuth"');
    const secret = legacy.filter((f) => f.ruleId === 'sensitive-data-in-response').map((f) => f.message);
    expect(secret).toEqual([
      'GET /users/{user_id}: response 200 exposes property "password", which looks like sensitive data.',
      'GET /users/{user_id}: response 200 exposes property "ssn", which looks like sensitive data.',
    ]);
    const write = legacy.find((f) => f.ruleId === 'owasp:api2:2023-write-restricted')!;
    expect(write).toMatchObject({ operation: 'POST /users', severity: 'error' });
  });

  it('counts findings per OWASP category in metrics and Markdown', async () => {
    const reply = await runTool(securityAuditTool, { content: fixture('legacy-insecure.yaml'), options: { ignore: ['owasp:api4:2023-string-restricted'] } });
    const env = structured<Envelope>(reply);
    const cats = (env.metrics as { categories: { name: string; findings: number }[] }).categories;
    const api4 = env.findings.filter((f) => f.owasp === 'API4:2023').length;
    expect(cats.find((c) => c.name === 'API4:2023')!.findings).toBe(api4);
    expect(resultText(reply)).toContain(`| API4:2023 | ${api4} |`);
  });

  it('reports parse errors and invalid arguments', async () => {
    expect(resultText(await runTool(securityAuditTool, { content: 'openapi: 3.0.3\ninfo: [\n' }))).toMatch(/^line 3, column 1: /);
    expect(resultText(await runTool(securityAuditTool, { content: 'x', options: { strict: true } }))).toMatch(/^Invalid arguments: options: Unrecognized key/);
  });

  it('documents every rule it reports', () => {
    const ids = new Set(SECURITY_RULES.map((r) => r.id));
    for (const f of legacy) expect(ids.has(f.ruleId)).toBe(true);
  });
});
