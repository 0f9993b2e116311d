import { runTool, resultText } from '@mcp/core-protocol/testing';
import { envelopeSchema } from '@mcp/core-response';
import cases from './cases';
import { tools } from '../src/index';

describe('webdesign bench cases', () => {
  it('cover every tool of the category', () => {
    expect(cases.map((c) => c.tool.name).sort()).toEqual(tools.map((t) => t.name).sort());
    expect(tools).toHaveLength(8);
  });

  it.each(cases.map((c) => [c.tool.name, c] as const))('%s accepts input(30) and input(300) and returns a valid envelope', async (_name, c) => {
    for (const lines of [30, 300]) {
      const reply = await runTool(c.tool, c.input(lines));
      if (reply.isError) throw new Error(resultText(reply));
      expect(envelopeSchema().safeParse(reply.structuredContent).success).toBe(true);
      // Deterministic: the same input gives the same bytes.
      expect(JSON.stringify((await runTool(c.tool, c.input(lines))).structuredContent)).toBe(JSON.stringify(reply.structuredContent));
    }
  });
});
