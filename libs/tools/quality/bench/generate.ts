// Realistic inputs of about `lines` lines for the quality tools' benchmark cases.

const NOUNS = ['order', 'invoice', 'customer', 'cart', 'payment', 'shipment', 'refund', 'coupon', 'account', 'report'];
const noun = (i: number) => `${NOUNS[i % NOUNS.length]}${Math.floor(i / NOUNS.length) || ''}`;
const cap = (s: string) => s[0].toUpperCase() + s.slice(1);

/** One ~24-line service function with branches, a loop, a try/catch and a few literals. */
function serviceFunction(i: number): string {
  const n = noun(i);
  return `export async function process${cap(n)}(${n}: ${cap(n.replace(/\d+$/, ''))}, options: { dryRun?: boolean; limit?: number } = {}) {
  if (!${n} || ${n}.items.length === 0) {
    throw new Error('${n} has no items');
  }
  let total = 0;
  for (const item of ${n}.items) {
    if (item.quantity > (options.limit ?? 100)) {
      continue;
    }
    total += item.price * item.quantity;
  }
  const discount = total > ${100 + (i % 7) * 50} ? total * 0.1 : 0;
  if (options.dryRun) {
    return { id: ${n}.id, total: total - discount, saved: false };
  }
  try {
    await repository.save(${n}.id, total - discount);
  } catch (error) {
    logger.warn('could not save ${n}', error);
    return { id: ${n}.id, total: total - discount, saved: false };
  }
  return { id: ${n}.id, total: total - discount, saved: true };
}
`;
}

export function tsModule(lines: number, seed = 0): string {
  const header = `import { repository, logger } from './infrastructure';\nimport type { ${NOUNS.map(cap).join(', ')} } from './types';\n\n`;
  const parts = [header];
  let count = 4;
  for (let i = seed; count < lines; i++) {
    const f = serviceFunction(i);
    parts.push(f, '\n');
    count += f.split('\n').length;
  }
  return parts.join('');
}

export function jestFile(lines: number): string {
  const parts = ["import { processOrder } from '../src/orders';\n\ndescribe('processOrder', () => {\n"];
  let count = 3;
  for (let i = 0; count < lines; i++) {
    const t = `  it('handles case ${i}', async () => {
    const result = await processOrder({ id: 'o-${i}', items: [{ price: ${i % 50}, quantity: 2 }] });
    ${i % 5 === 0 ? `if (result.saved) {\n      expect(result.total).toBe(${(i % 50) * 2});\n    }` : `expect(result.saved).toBe(true);`}
  });\n\n`;
    parts.push(t);
    count += t.split('\n').length;
  }
  parts.push('});\n');
  return parts.join('');
}

export function lcov(lines: number): string {
  const out: string[] = [];
  for (let f = 0; out.length < lines; f++) {
    out.push('TN:', `SF:src/${noun(f)}.ts`, `FN:3,process${cap(noun(f))}`, `FNDA:${f % 3},process${cap(noun(f))}`);
    for (let l = 3; l < 40; l++) out.push(`DA:${l},${(l + f) % 4 === 0 ? 0 : l % 7}`);
    out.push('BRDA:5,0,0,1', 'BRDA:5,0,1,0', 'end_of_record');
  }
  return out.join('\n') + '\n';
}

export function unifiedDiff(lines: number): string {
  const added = tsModule(Math.max(10, lines - 8)).split('\n');
  return [`diff --git a/src/orders/service.ts b/src/orders/service.ts`, 'index 1a2b3c4..5d6e7f8 100644', '--- a/src/orders/service.ts', '+++ b/src/orders/service.ts', `@@ -1,2 +1,${added.length + 2} @@`, " import { db } from '../db';", '', ...added.map((l) => `+${l}`), ''].join('\n').replace("\n\n+", "\n \n+");
}

export function gitLog(lines: number): string {
  const authors = ['Ana Lima', 'Ben Okafor', 'Chen Wei', 'Dana Cohen', 'Eli Novak'];
  const out: string[] = [];
  for (let c = 0; out.length < lines; c++) {
    out.push(`commit ${(0x1000000 + c * 7919).toString(16).padStart(40, 'a')}`, `Author: ${authors[c % authors.length]} <dev${c % 5}@example.com>`, `Date:   Mon Mar ${(c % 28) + 1} 10:00:00 2024 +0100`, '', `    Update ${noun(c)} handling`, '');
    for (let k = 0; k < 1 + (c % 4); k++) out.push(`${(c * 3 + k) % 40}\t${(c + k) % 9}\tsrc/${noun((c + k * 3) % 23)}.ts`);
    out.push('');
  }
  return out.join('\n');
}

export function commitMessages(lines: number): string[] {
  const types = ['feat', 'fix', 'chore', 'docs', 'Refactor', 'perf', 'update'];
  const out: string[] = [];
  let count = 0;
  for (let i = 0; count < lines; i++) {
    const msg = `${types[i % types.length]}(${noun(i)}): ${i % 4 === 0 ? 'Add' : 'handle'} ${noun(i + 1)} totals${i % 9 === 0 ? '.' : ''}\n\nThe ${noun(i)} flow now rounds totals once.\n\nRefs #${100 + i}`;
    out.push(msg);
    count += 5;
  }
  return out;
}

export function envFile(lines: number): string {
  const out: string[] = [];
  for (let i = 0; out.length < lines; i++) {
    out.push(`# ${noun(i)} service`, `${noun(i).toUpperCase()}_URL=https://${noun(i)}.internal.example.com`, `${noun(i).toUpperCase()}_TIMEOUT_MS=${1000 + i}`, `${noun(i).toUpperCase()}_API_KEY=\${${noun(i).toUpperCase()}_API_KEY}`);
  }
  return out.join('\n') + '\n';
}
