import { runTool, resultText } from '@mcp/core-protocol/testing';
import cases from './cases';
import { tools } from '../src/index';

// The gateway integration test calls every tool with input(30); the bench runner goes up to ~1 MiB.
describe('bench cases', () => {
  it('cover every tool of the category', () => {
    expect(cases.map((c) => c.tool.name).sort()).toEqual(tools.map((t) => t.name).sort());
  });

  it.each(cases.map((c) => [c.tool.name, c] as const))('%s: input(30) and input(300) are valid, analysable arguments', async (_name, c) => {
    for (const lines of [30, 300]) {
      const reply = await runTool(c.tool, c.input(lines));
      expect(reply.isError ? resultText(reply) : 'ok').toBe('ok');
    }
  }, 60_000);
});
