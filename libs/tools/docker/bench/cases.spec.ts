import { describeBenchCases } from '@mcp/core-protocol/testing';
import cases from './cases';
import { tools } from '../src/index';

describeBenchCases('docker', cases, tools);

describe('docker bench input sizes', () => {
  it.each(cases.map((c) => [c.tool.name, c] as const))('%s: input(n) has about n lines', (_name, c) => {
    for (const lines of [30, 300]) {
      const actual = (c.input(lines) as { content: string }).content.split('\n').length;
      expect(actual).toBeGreaterThanOrEqual(lines * 0.8);
      expect(actual).toBeLessThanOrEqual(lines * 1.5 + 30);
    }
  });
});
