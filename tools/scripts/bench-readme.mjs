// `node tools/scripts/bench-readme.mjs <bench output.md>`: copies each category's rows of a
// `npm run bench:tools` table into its lib README, between `<!-- bench:start -->` and
// `<!-- bench:end -->`, with the date and machine, so the READMEs quote one measured run.
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './cluster.mjs';
import { PREFIXES } from './bench-load.mjs';

const [file] = process.argv.slice(2);
const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.startsWith('| '));
const [header, rule, ...rows] = lines;
const stamp = `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}, with nothing else running (medians of warm calls; ½ MiB and ~1 MiB timed in alternation, the doubling ratio being the median of the pairs' ratios):`;
for (const category of new Set(Object.values(PREFIXES))) {
  const mine = rows.filter((r) => PREFIXES[r.slice(2).split('_')[0]] === category);
  if (!mine.length) continue;
  const readme = path.join(ROOT, 'libs/tools', category, 'README.md');
  const text = readFileSync(readme, 'utf8');
  const block = ['<!-- bench:start -->', stamp, '', header, rule, ...mine, '<!-- bench:end -->'].join('\n');
  const next = text.replace(/<!-- bench:start -->[\s\S]*?<!-- bench:end -->/, block);
  if (next === text && !text.includes(block)) console.log(`${category}: no bench markers in ${readme}`);
  writeFileSync(readme, next);
}
