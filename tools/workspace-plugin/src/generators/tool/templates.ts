/**
 * The files of a new tool. The generated tool is a small real analyzer (marker comments such
 * as TODO and FIXME, ESLint's `no-warning-comments`), so a new category is callable and
 * tested end to end on day one; its team then replaces the analysis with its own.
 */
export interface ToolNames {
  /** full MCP tool name, e.g. sec_scan_headers */
  toolName: string;
  /** folder and file stem, e.g. scan-headers */
  kebab: string;
  /** exported constant, e.g. scanHeaders */
  camel: string;
  title: string;
}

export function toolNames(prefix: string, name: string): ToolNames {
  const kebab = name.replace(/_/g, '-');
  const camel = name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  const title = name.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
  return { toolName: `${prefix}${name}`, kebab, camel, title };
}

export function toolSource({ toolName, camel, title }: ToolNames): string {
  return `import { z } from 'zod';
import { analyzerOptions, contentArg, defineTool } from '@mcp/core-protocol';
import type { Finding } from '@mcp/core-response';

const DEFAULT_TERMS = ['todo', 'fixme', 'xxx'];

/** ${title}: marker comments left in code, as ESLint's no-warning-comments reports them. */
export const ${camel} = defineTool({
  name: '${toolName}',
  title: '${title}',
  description: 'Reports comments that start with a warning term (TODO, FIXME, XXX by default), with line and column, as ESLint no-warning-comments does.',
  input: z
    .object({
      content: contentArg('The source file to scan, as text'),
      options: analyzerOptions({
        terms: z.array(z.string().min(1)).optional().describe('Terms that mark a warning comment (case-insensitive); default todo, fixme, xxx'),
      }),
    })
    .strict(),
  rules: [
    { id: 'no-warning-comments', severity: 'warning', summary: 'A comment starts with a warning term such as TODO or FIXME', docs: 'https://eslint.org/docs/latest/rules/no-warning-comments' },
  ],
  run({ content, options }) {
    const terms = (options?.terms ?? DEFAULT_TERMS).map((t) => t.toLowerCase());
    const findings: Finding[] = [];
    content.split('\\n').forEach((text, i) => {
      // A comment opener, then optional decoration, then the term at a word boundary.
      const m = /(\\/\\/|\\/\\*+|#|<!--)\\s*([A-Za-z]+)\\b/.exec(text);
      if (!m || !terms.includes(m[2].toLowerCase())) return;
      findings.push({
        ruleId: 'no-warning-comments',
        severity: 'warning',
        message: \`Unexpected '\${m[2]}' comment: \${text.slice(m.index).trim().slice(0, 80)}\`,
        location: { line: i + 1, column: m.index + 1 },
        fix: 'Do the work, or track it in the issue tracker and remove the comment.',
      });
    });
    return { findings, metrics: { lines: content.split('\\n').length, markers: findings.length } };
  },
});
`;
}

export function specSource({ toolName, kebab, camel }: ToolNames): string {
  return `import { readFileSync } from 'node:fs';
import { resultText, runTool, structured } from '@mcp/core-protocol/testing';
import { ${camel} } from './${kebab}.tool';

const fixture = (name: string) => readFileSync(new URL(\`./fixtures/\${name}\`, import.meta.url), 'utf8');

describe('${toolName}', () => {
  it('reports each marker comment with its line and column', async () => {
    const result = structured<{ findings: { ruleId: string; location: { line: number; column: number } }[] }>(
      await runTool(${camel}, { content: fixture('with-markers.ts') }),
    );
    expect(result.findings.map((f) => [f.ruleId, f.location.line, f.location.column])).toEqual([
      ['no-warning-comments', 3, 3],
      ['no-warning-comments', 9, 5],
    ]);
  });

  it('stays silent on clean code', async () => {
    expect(structured<{ findings: unknown[] }>(await runTool(${camel}, { content: fixture('clean.ts') })).findings).toEqual([]);
  });

  it('names the failing field of invalid arguments', async () => {
    const reply = await runTool(${camel}, { content: 'x', options: { terms: 'todo' } });
    expect(reply.isError).toBe(true);
    expect(resultText(reply)).toMatch(/options\\.terms/);
  });
});
`;
}

export const FIXTURE_WITH_MARKERS = `import { readFile } from 'node:fs/promises';

  // TODO: stream large files instead of reading them whole
export async function loadConfig(path: string): Promise<Record<string, unknown>> {
  const text = await readFile(path, 'utf8');
  return JSON.parse(text) as Record<string, unknown>;
}

    /* FIXME the cache never expires */
const cache = new Map<string, unknown>();
export const remember = (key: string, value: unknown) => cache.set(key, value);
`;

export const FIXTURE_CLEAN = `import { readFile } from 'node:fs/promises';

// Reads the whole file: configs are small.
export async function loadConfig(path: string): Promise<Record<string, unknown>> {
  const text = await readFile(path, 'utf8');
  return JSON.parse(text) as Record<string, unknown>;
}
`;

export function benchCaseSource({ kebab, camel }: ToolNames): { importLine: string; entry: string } {
  return {
    importLine: `import { ${camel} } from '../src/${kebab}/${kebab}.tool';`,
    entry: `  { tool: ${camel}, input: (lines: number) => ({ content: sourceOfLines(lines) }) },`,
  };
}
