import { runTool, resultText } from '@mcp/core-protocol/testing';
import cases from './cases';
import { tools } from '../src/index';

/** The gateway integration test sends `input(30)` to every tool: each must be valid and succeed. */
describe('docker bench cases', () => {
  it('cover every tool of the category once', () => {
    expect(cases.map((c) => c.tool.name).sort()).toEqual(tools.map((t) => t.name).sort());
    expect(tools).toHaveLength(9);
  });

  it.each(cases.map((c) => [c.tool.name, c] as const))('%s accepts input(30) and input(300)', async (_name, c) => {
    for (const lines of [30, 300]) {
      const args = c.input(lines) as { content: string };
      const reply = await runTool(c.tool, args);
      if (reply.isError) throw new Error(resultText(reply));
      const actual = args.content.split('\n').length;
      expect(actual).toBeGreaterThanOrEqual(lines * 0.8);
      expect(actual).toBeLessThanOrEqual(lines * 1.5 + 30);
    }
  });
});
