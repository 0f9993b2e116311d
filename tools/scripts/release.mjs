// Deploys and per-worker releases with Workers versions, run from an app's folder by its Nx
// targets (`--environment` and `--to`, because Nx keeps `--env` and `--version` for itself):
//   nx run worker-docker:deploy --environment staging               wrangler deploy
//   nx run worker-docker:versions-upload --environment staging      upload a version, no traffic
//   nx run worker-docker:rollout --environment production --to V --percent 10 --from C
//   nx run worker-docker:rollback --environment production [--to V]  (default: previous)
// Every command takes --dry-run: it prints the wrangler command it would run and exits, so
// the release flow is tested offline. Without --dry-run it runs wrangler (needs credentials).
import './env.mjs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
  args: rest,
  options: {
    environment: { type: 'string' },
    to: { type: 'string' },
    from: { type: 'string' },
    percent: { type: 'string' },
    message: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
  },
  strict: true,
});
const app = path.basename(process.cwd());
if (values.environment && !['staging', 'production'].includes(values.environment)) {
  console.error(`release: --environment must be staging or production, not ${values.environment}`);
  process.exit(2);
}
// An empty --env is wrangler's way to say "the top-level environment" (local names).
const envArgs = ['--env', values.environment ?? ''];

function fail(message) {
  console.error(`release ${command ?? ''} (${app}): ${message}`);
  process.exit(2);
}

function plan() {
  switch (command) {
    case 'deploy':
      return ['deploy', ...envArgs];
    case 'upload': {
      const tag = process.env.GITHUB_SHA?.slice(0, 12) ?? 'local';
      return ['versions', 'upload', ...envArgs, '--tag', tag, '--message', values.message ?? `${app} ${tag}`];
    }
    case 'rollout': {
      if (!values.to) fail('--to <version id> (the uploaded version to send traffic to) is required');
      const percent = Number(values.percent ?? 100);
      if (!Number.isInteger(percent) || percent < 1 || percent > 100) fail('--percent must be an integer from 1 to 100');
      if (percent < 100 && !values.from) fail('--from <id> (the version keeping the rest of the traffic) is required below 100%');
      const split = percent === 100 ? [`${values.to}@100%`] : [`${values.to}@${percent}%`, `${values.from}@${100 - percent}%`];
      return ['versions', 'deploy', ...split, ...envArgs, '--yes', '--message', values.message ?? `${app}: ${percent}% to ${values.to}`];
    }
    case 'rollback':
      // Without --version wrangler rolls back to the deployment before the current one.
      return ['rollback', ...(values.to ? [values.to] : []), ...envArgs, '--yes', '--message', values.message ?? `${app}: rollback`];
    default:
      return fail('usage: release.mjs deploy|upload|rollout|rollback [--environment staging|production] [--to V] [--from V] [--percent N] [--dry-run]');
  }
}

const args = plan();
const printable = ['wrangler', ...args.map((a) => (a === '' || /\s/.test(a) ? JSON.stringify(a) : a))].join(' ');
if (values['dry-run']) {
  console.log(`[dry-run] ${app}: ${printable}`);
  process.exit(0);
}
console.log(`${app}: ${printable}`);
const result = spawnSync('npx', ['wrangler', ...args], { stdio: 'inherit' });
process.exit(result.status ?? 1);
