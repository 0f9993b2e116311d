import { runTool, resultText, structured } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import { lintPackageExportsTool } from './lint-package-exports.tool';
import { readProject } from '../testing/read-project';

const pkg = (name: string) => {
  const all = readProject(new URL(`./fixtures/${name}/`, import.meta.url));
  return { manifest: all.find((f) => f.path === 'package.json')!.content, files: all.filter((f) => f.path !== 'package.json') };
};
const run = async (args: Record<string, unknown>) => structured<Envelope>(await runTool(lintPackageExportsTool, args));
const codes = (env: Envelope) => env.findings.map((f) => `${f.ruleId} ${f.field}`).sort();

describe('node_lint_package_exports', () => {
  it('passes a well-formed dual ESM/CJS package', async () => {
    expect((await run(pkg('dual-ok'))).findings).toEqual([]);
  });

  // The expected list is what publint 0.3.25 prints for the same folder (see the README).
  it('reports what publint reports for a broken package, at the offending key', async () => {
    const env = await run(pkg('date-kit'));
    expect(codes(env)).toEqual(
      [
        'LOCAL_DEPENDENCY dependencies["@acme/tz-data"]',
        'EXPORTS_TYPES_SHOULD_BE_FIRST exports["."].types',
        'EXPORTS_DEFAULT_SHOULD_BE_LAST exports["."].default',
        'EXPORTS_VALUE_INVALID exports["./utils"]',
        'EXPORTS_MODULE_SHOULD_PRECEDE_REQUIRE exports["./format"].module',
        'FILE_DOES_NOT_EXIST exports["./format"].module',
        'MODULE_SHOULD_BE_ESM module',
        'BIN_FILE_NOT_EXECUTABLE bin["date-kit"]',
        'EXPORTS_GLOB_NO_MATCHED_FILES exports["./locale/*"]',
        'FILE_INVALID_EXPLICIT_FORMAT exports["./parse"]',
        'TYPES_NOT_EXPORTED exports["."].import',
        'FILE_INVALID_FORMAT main',
        'FILE_INVALID_FORMAT exports["."].default',
        'FILE_INVALID_FORMAT exports["./utils"]',
        'USE_TYPE name',
        'USE_ENGINES_NODE name',
        'USE_SIDE_EFFECTS name',
        'USE_LICENSE name',
        'USE_FILES name',
      ].sort(),
    );
    const first = env.findings.find((f) => f.ruleId === 'EXPORTS_TYPES_SHOULD_BE_FIRST')!;
    expect(first).toMatchObject({ severity: 'error', location: { path: 'package.json', line: 11 }, level: 'error' });
    expect(first.message).toContain('./dist/index.d.ts');
    const missing = env.findings.find((f) => f.ruleId === 'FILE_DOES_NOT_EXIST')!;
    expect(missing.message).toBe('exports["./format"].module points at ./dist/format.mjs, which is not among the published files');
    expect(env.findings.find((f) => f.ruleId === 'USE_TYPE')!.severity).toBe('info');
    expect(resultText(await runTool(lintPackageExportsTool, pkg('date-kit')))).toContain('| EXPORTS_VALUE_INVALID | exports["./utils"] | error |');
  });

  it('follows nested package.json "type" and explicit extensions', async () => {
    const manifest = JSON.stringify({ name: 'x', type: 'module', license: 'MIT', files: ['dist'], exports: { '.': { import: './dist/esm/index.js', require: './dist/cjs/index.js' } }, engines: { node: '>=18' } }, null, 2);
    const files = [
      { path: 'dist/esm/index.js', content: 'export const a = 1;\n' },
      { path: 'dist/cjs/index.js', content: "'use strict';\nexports.a = 1;\n" },
      { path: 'dist/cjs/package.json', content: '{ "type": "commonjs" }\n' },
    ];
    expect((await run({ manifest, files })).findings).toEqual([]);
    const withoutNested = await run({ manifest, files: files.slice(0, 2) });
    expect(codes(withoutNested)).toEqual(['FILE_INVALID_FORMAT exports["."].require']);
  });

  it('reports a syntax error in a published file with its path', async () => {
    const p = pkg('dual-ok');
    p.files = p.files.map((f) => (f.path === 'dist/index.js' ? { ...f, content: 'export function retry( {\n' } : f));
    const reply = await runTool(lintPackageExportsTool, p);
    expect(resultText(reply)).toMatch(/^dist\/index\.js: line \d+, column \d+: /);
    const bad = await runTool(lintPackageExportsTool, { manifest: '{"exports": {".": "./a.js",}}', files: [] });
    expect(resultText(bad)).toBe('manifest: line 1, column 28: Expected a double-quoted property name');
  });

  it('names the invalid field', async () => {
    expect(resultText(await runTool(lintPackageExportsTool, { manifest: '{}' }))).toMatch(/^Invalid arguments: files: /);
  });
});
