import { z } from 'zod';
import { ParseError } from '@mcp/core-response';
import { createLogger } from '@mcp/core-logger';
import { defineTool } from './define-tool';
import { analyzerOptions, contentArg } from './args';
import { createToolRegistry } from './registry';
import { runTool, resultText, structured } from '../testing/run-tool';

const countLines = defineTool({
  name: 'demo_count_todo',
  title: 'Count TODOs',
  description: 'Reports each TODO comment.',
  input: z.object({ content: contentArg(), options: analyzerOptions({ max: z.number().int().optional().describe('cap') }) }).strict(),
  run({ content }) {
    if (content.includes('\u0000')) throw new ParseError('NUL byte', 1, 1);
    if (content === 'boom') throw new TypeError('secret internal detail');
    const findings = content.split('\n').flatMap((line, i) =>
      line.includes('TODO') ? [{ ruleId: 'todo', severity: 'info' as const, message: `TODO on line ${i + 1}`, location: { line: i + 1, column: line.indexOf('TODO') + 1 } }] : [],
    );
    return { findings, metrics: { lines: content.split('\n').length } };
  },
});

describe('tool registry', () => {
  it('describes tools with JSON Schemas and default annotations', () => {
    const registry = createToolRegistry('demo', [countLines], { logger: createLogger({ worker: 't', sink: () => undefined }) });
    const [d] = registry.descriptors;
    expect(d.inputSchema).toMatchObject({ type: 'object', required: ['content'], additionalProperties: false });
    expect(d.outputSchema).toMatchObject({ type: 'object', required: ['summary', 'findings'] });
    expect(d.annotations).toEqual({ title: 'Count TODOs', readOnlyHint: true, idempotentHint: true, openWorldHint: false });
  });

  it('returns the envelope and Markdown', async () => {
    const reply = await runTool(countLines, { content: 'a\n// TODO x\n' });
    expect(structured(reply)).toEqual({
      summary: { errors: 0, warnings: 0, infos: 1 },
      findings: [{ ruleId: 'todo', severity: 'info', message: 'TODO on line 2', location: { line: 2, column: 4 } }],
      metrics: { lines: 3 },
    });
    expect(resultText(reply)).toContain('`todo` (line 2:4): TODO on line 2');
  });

  it('names the failing field of invalid arguments', async () => {
    const reply = await runTool(countLines, { content: 'x', options: { max: 'many' } });
    expect(reply.isError).toBe(true);
    expect(resultText(reply)).toMatch(/^Invalid arguments: options\.max: /);
    const unknown = await runTool(countLines, { content: 'x', options: { bogus: 1 } });
    expect(resultText(unknown)).toMatch(/options: Unrecognized key.*bogus/);
  });

  it('refuses oversized input before parsing', async () => {
    const reply = await runTool(countLines, { content: 'x'.repeat(1024 * 1024 + 1) });
    expect(resultText(reply)).toBe('Input too large: 1048577 bytes of text; the limit is 1048576 bytes (1 MiB) per call.');
  });

  it('maps parse errors to line and column, and hides internals of crashes', async () => {
    expect(resultText(await runTool(countLines, { content: 'a\u0000' }))).toBe('line 1, column 1: NUL byte');
    const lines: string[] = [];
    const crash = await runTool(countLines, { content: 'boom' }, { sink: (l) => lines.push(l) });
    expect(crash.isError).toBe(true);
    expect(resultText(crash)).not.toContain('secret internal detail');
    expect(resultText(crash)).toContain('TypeError');
    const call = JSON.parse(lines.find((l) => l.includes('"tool.call"'))!);
    expect(call).toMatchObject({ level: 'info', worker: 'test', tool: 'demo_count_todo', outcome: 'error', errorClass: 'TypeError' });
    expect(call.traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(JSON.stringify(lines)).not.toContain('boom');
  });
});
