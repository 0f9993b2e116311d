import { z } from 'zod';
import { analyzerOptions, contentArg, defineTool, filesArg } from '@mcp/core-protocol';
import { ParseError, table, type Finding } from '@mcp/core-response';
import { lineAt, parseJsonTree } from '../shared/json-tree';
import { fieldName, lintPackage } from './publint-lint';
import { CODES, SEVERITY, rules } from './publint.rules';

const input = z
  .object({
    manifest: contentArg('The package.json of the package'),
    files: filesArg('The published files (as `npm pack` would include them), paths relative to the package root; JS contents decide ESM or CJS'),
    options: analyzerOptions({}),
  })
  .strict();

export const lintPackageExportsTool = defineTool({
  name: 'node_lint_package_exports',
  title: 'Package exports lint (publint)',
  description:
    'Checks a package before publishing, like publint: main/module/types/exports/bin pointing at missing files, ' +
    'condition order (types first, default last, module before require), CJS/ESM content that does not match "type" or the extension, ' +
    'module fields without exports, and types that moduleResolution node16/bundler cannot find.',
  input,
  rules,
  run({ manifest, files }) {
    const { value, root } = parseJsonTree(manifest, 'manifest');
    if (root.kind !== 'object') throw new ParseError('package.json must be a JSON object', root.line, root.column, 'manifest');
    const messages = lintPackage(value as Record<string, unknown>, files);
    const seen = new Set<string>();
    const findings: Finding[] = [];
    for (const m of messages) {
      const key = `${m.code}\u0000${m.path.join('\u0000')}\u0000${m.file ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const level = m.level ?? CODES[m.code].level;
      findings.push({
        ruleId: m.code,
        severity: SEVERITY[level],
        message: m.text,
        location: { path: 'package.json', line: lineAt(root, m.path) },
        fix: m.fix,
        docs: `https://publint.dev/rules#${m.code.toLowerCase()}`,
        field: fieldName(m.path),
        level,
      });
    }
    return { findings, metrics: { filesPublished: files.length } };
  },
  render(envelope) {
    return [table(['code', 'field', 'level'], envelope.findings.map((f) => [f.ruleId, f.field, f.level]))];
  },
});
