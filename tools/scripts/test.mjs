// `npm test`: every project's lint, typecheck and tests through Nx (the integration specs
// depend on the workers' build targets, so the bundles they boot are always current).
import './env.mjs';
import { spawnSync } from 'node:child_process';
import { ROOT } from './cluster.mjs';

const targets = process.argv.slice(2).length ? process.argv.slice(2) : ['lint', 'typecheck', 'test'];
const result = spawnSync('npx', ['nx', 'run-many', '-t', ...targets, '--outputStyle=static', '--parallel=2'], {
  cwd: ROOT,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
