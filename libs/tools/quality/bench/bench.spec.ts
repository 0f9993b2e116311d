import { runTool, resultText } from '@mcp/core-protocol/testing';
import cases from './cases';
import { tools } from '../src/index';

// Every bench case must produce valid arguments (the gateway integration spec calls input(30)).
describe('quality bench cases', () => {
  it('cover every tool', () => {
    expect(cases.map((c) => c.tool.name).sort()).toEqual(tools.map((t) => t.name).sort());
  });
  it.each(cases.map((c) => [c.tool.name, c]))('%s accepts input(30) and input(300)', async (_name, c) => {
    for (const lines of [30, 300]) {
      const reply = await runTool(c.tool, c.input(lines));
      if (reply.isError) throw new Error(resultText(reply));
    }
  });
});
