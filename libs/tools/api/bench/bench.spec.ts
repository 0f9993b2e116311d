import { runTool, structured } from '@mcp/core-protocol/testing';
import type { Envelope } from '@mcp/core-response';
import cases from './cases';

// The bench inputs are also what the gateway integration test sends (`input(30)`): each must
// be valid arguments that the tool analyzes without error, at any size.
describe('api bench cases', () => {
  it.each(cases.map((c) => [c.tool.name, c] as const))('%s accepts input(30) and input(300)', async (_name, c) => {
    for (const lines of [30, 300]) {
      const env = structured<Envelope>(await runTool(c.tool, c.input(lines)));
      expect(env.summary).toBeDefined();
    }
  });

  it('grows to about the requested number of lines', () => {
    for (const c of cases) {
      const args = c.input(300) as Record<string, string>;
      const total = Object.values(args).reduce((n, v) => n + v.split('\n').length, 0);
      expect([c.tool.name, total > 150 && total < 600]).toEqual([c.tool.name, true]);
    }
  });
});
