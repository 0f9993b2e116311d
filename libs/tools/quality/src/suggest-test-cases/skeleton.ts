import type { FunctionInfo } from '../shared/metrics';
import type { TestCase } from './case-derivation';

export type Framework = 'jest' | 'vitest' | 'mocha';

const js = (v: unknown): string => (v === undefined ? 'undefined' : typeof v === 'string' && /^<.*>$/.test(v) ? `undefined /* ${v.slice(1, -1)} */` : JSON.stringify(v));

/** Arguments in parameter order from `{ amount: 5, 'user.age': 17 }`. */
function args(fn: FunctionInfo, input: Record<string, unknown>, paramNames: string[]): string {
  return paramNames
    .map((p) => {
      const nested = Object.entries(input).filter(([k]) => k.startsWith(`${p}.`));
      if (nested.length) {
        const obj: Record<string, unknown> = {};
        for (const [k, v] of nested) {
          const parts = k.split('.').slice(1);
          let cur = obj;
          parts.slice(0, -1).forEach((part) => (cur = (cur[part] ??= {}) as Record<string, unknown>));
          cur[parts[parts.length - 1]] = v;
        }
        return JSON.stringify(obj).replace(/"([A-Za-z_$][\w$]*)":/g, '$1: ');
      }
      return p in input ? js(input[p]) : `undefined /* ${p} */`;
    })
    .join(', ')
    .replace(/(, undefined \/\* \w+ \*\/)+$/, '');
}

export function skeleton(framework: Framework, fns: FunctionInfo[], cases: TestCase[], paramNames: Map<FunctionInfo, string[]>, asyncFns: Set<string>): string {
  const lines: string[] = [];
  const names = [...new Set(fns.map((f) => f.name.split('.')[0]))];
  if (framework === 'vitest') lines.push("import { describe, it, expect } from 'vitest';");
  if (framework === 'mocha') lines.push("import { expect } from 'chai';");
  lines.push(`import { ${names.join(', ')} } from './module-under-test';`, '');
  for (const fn of fns) {
    const own = cases.filter((c) => c.function === fn.name);
    if (own.length === 0) continue;
    const isAsync = asyncFns.has(fn.name);
    const call = (c: TestCase) => `${fn.name}(${args(fn, c.input, paramNames.get(fn) ?? [])})`;
    lines.push(`describe('${fn.name}', () => {`);
    for (const c of own) {
      const cond = 'condition' in c.input ? `    // Arrange: ${c.input.condition}\n` : '';
      lines.push(`  it(${JSON.stringify(`${c.title}: ${c.expected}`)}, ${isAsync ? 'async ' : ''}() => {`);
      if (cond) lines.push(cond.trimEnd());
      if (c.throws !== undefined) {
        const msg = JSON.stringify(c.throws);
        if (isAsync) lines.push(framework === 'mocha' ? `    await expect(${call(c)}).to.be.rejectedWith(${msg});` : `    await expect(${call(c)}).rejects.toThrow(${msg});`);
        else lines.push(framework === 'mocha' ? `    expect(() => ${call(c)}).to.throw(${msg});` : `    expect(() => ${call(c)}).toThrow(${msg});`);
      } else {
        lines.push(`    const result = ${isAsync ? 'await ' : ''}${call(c)};`);
        if (c.returns !== undefined) lines.push(framework === 'mocha' ? `    expect(result).to.equal(${JSON.stringify(c.returns)});` : `    expect(result).toBe(${JSON.stringify(c.returns)});`);
        else lines.push(`    // ${c.expected}`, framework === 'mocha' ? '    expect(result).to.not.equal(undefined);' : '    expect(result).toBeDefined();');
      }
      lines.push('  });');
    }
    lines.push('});', '');
  }
  return lines.join('\n');
}
