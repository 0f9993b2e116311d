import { describeBenchCases } from '@mcp/core-protocol/testing';
import cases from './cases';
import { tools } from '../src/index';

describeBenchCases('api', cases, tools);

describe('api bench input sizes', () => {
  it('grow to about the requested number of lines', () => {
    for (const c of cases) {
      const args = c.input(300) as Record<string, string>;
      const total = Object.values(args).reduce((n, v) => n + v.split('\n').length, 0);
      expect([c.tool.name, total > 150 && total < 600]).toEqual([c.tool.name, true]);
    }
  });
});
