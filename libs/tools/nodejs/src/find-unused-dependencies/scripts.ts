/**
 * The binaries a package.json script calls. Shell operators split commands; env assignments,
 * `cross-env`, `npx`/`pnpm exec`/`yarn exec`/`npm exec` and `dotenv --` are looked through,
 * as knip's script parser does for the common cases.
 */
export function binariesOf(command: string, scriptNames: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const segment of command.split(/&&|\|\||;|\||&|\$\(|`|\(|\)/)) {
    const tokens = segment.trim().split(/\s+/).filter(Boolean).map((t) => t.replace(/^["']|["']$/g, ''));
    let i = 0;
    const skipEnv = () => {
      while (i < tokens.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(tokens[i])) i++;
    };
    skipEnv();
    for (let guard = 0; guard < 6 && i < tokens.length; guard++) {
      const t = tokens[i];
      if (t === 'npx' || t === 'pnpx' || t === 'bunx') {
        i++;
        while (i < tokens.length && tokens[i].startsWith('-')) i += tokens[i] === '-p' || tokens[i] === '--package' ? 2 : 1;
        continue;
      }
      if ((t === 'pnpm' || t === 'yarn' || t === 'npm' || t === 'bun') && ['exec', 'dlx', 'x'].includes(tokens[i + 1])) {
        i += 2;
        while (i < tokens.length && tokens[i].startsWith('-')) i++;
        if (tokens[i] === '--') i++;
        continue;
      }
      if ((t === 'yarn' || t === 'pnpm') && tokens[i + 1] && !YARN_COMMANDS.has(tokens[i + 1]) && !tokens[i + 1].startsWith('-') && !scriptNames.has(tokens[i + 1])) {
        i++; // `yarn tsc` runs a dependency's binary
        continue;
      }
      if (t === 'cross-env' || t === 'dotenv' || t === 'env-cmd') {
        out.push(t);
        i++;
        skipEnv();
        while (i < tokens.length && (tokens[i].startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(tokens[i]))) {
          const flag = tokens[i];
          i++;
          if (flag === '--') break;
          if ((flag === '-e' || flag === '-f' || flag === '-c') && i < tokens.length) i++;
        }
        continue;
      }
      break;
    }
    const bin = tokens[i];
    if (!bin || bin.startsWith('-') || bin.startsWith('$') || /[=<>]/.test(bin)) continue;
    const local = /^(\.\/)?node_modules\/\.bin\/(.+)$/.exec(bin);
    if (local) out.push(local[2]);
    else if (!bin.includes('/') && !/\.(c|m)?[jt]s$/.test(bin)) out.push(bin);
  }
  return out;
}

const YARN_COMMANDS = new Set(['add', 'audit', 'bin', 'cache', 'config', 'create', 'dedupe', 'dlx', 'exec', 'info', 'init', 'install', 'link', 'node', 'pack', 'publish', 'rebuild', 'remove', 'run', 'test', 'unlink', 'up', 'upgrade', 'why', 'workspace', 'workspaces', 'build', 'start', 'version', 'store', 'prune', 'list', 'ls', 'outdated', 'update', 'import', 'fetch', 'patch', 'set', 'plugin', 'constraints', 'npm']);

/** Binaries shipped by packages whose name differs from the binary (the common cases). */
export const BIN_PROVIDERS: Record<string, string[]> = {
  tsc: ['typescript'],
  tsserver: ['typescript'],
  babel: ['@babel/cli'],
  'babel-node': ['@babel/node'],
  webpack: ['webpack-cli', 'webpack'],
  ng: ['@angular/cli'],
  'vue-cli-service': ['@vue/cli-service'],
  'run-s': ['npm-run-all', 'npm-run-all2'],
  'run-p': ['npm-run-all', 'npm-run-all2'],
  playwright: ['@playwright/test', 'playwright'],
  changeset: ['@changesets/cli'],
  commitlint: ['@commitlint/cli'],
  postcss: ['postcss-cli'],
  'api-extractor': ['@microsoft/api-extractor'],
  biome: ['@biomejs/biome'],
  depcruise: ['dependency-cruiser'],
  ncc: ['@vercel/ncc'],
  dotenv: ['dotenv-cli'],
  del: ['del-cli'],
  'graphql-codegen': ['@graphql-codegen/cli'],
  gql: ['@graphql-codegen/cli'],
  sequelize: ['sequelize-cli'],
  nuxi: ['nuxi', 'nuxt'],
  'ts-node-dev': ['ts-node-dev'],
  'tsc-alias': ['tsc-alias'],
  'lint-staged': ['lint-staged'],
  storybook: ['storybook', '@storybook/cli'],
  'react-native': ['react-native', '@react-native-community/cli'],
  'swc': ['@swc/cli'],
  'svgo': ['svgo'],
  'openapi-typescript': ['openapi-typescript'],
  'vite-node': ['vite-node', 'vitest'],
  'markdownlint': ['markdownlint-cli'],
  'markdownlint-cli2': ['markdownlint-cli2'],
  'mocha': ['mocha'],
  '_mocha': ['mocha'],
  'nx': ['nx'],
};

/** knip's IGNORED_GLOBAL_BINARIES: shell builtins and system tools no package provides. */
export const GLOBAL_BINARIES = new Set(
  ('alias amplify aws az base64 basename bash bg bind break builtin bun bundle bunx cargo cat cd chgrp chmod chown cksum clear cmd cmd.exe cmp code ' +
    'comm command continue corepack cp curl cut date dd declare defaults deno df dir dirname docker dotnet du echo env eval exec exit expand export expr ' +
    'factor false fg find fuser gem getconf getopts gh git grep groups gunzip gzip hash head hg hostname id jobs join kill killall launchctl ln local logname ' +
    'ls lsof md5sum mkdir mknod mktemp mv nc nice nl node nohup npm nproc npx open osascript paste pgrep pkill pnpm pnpx powershell powershell.exe pr ' +
    'printenv printf ps pulumi pwd python python3 read readlink realpath return rm rmdir rsync scp security sed seq set sh sha1sum sha512sum shift shred shuf ' +
    'sleep sort split ssh stat stty sudo sync sysctl systemctl tac tail tar taskkill tee test time timeout tmux touch trap tr true tsort tty type ulimit umask ' +
    'unalias uname unexpand uniq unset unzip wait wc which who whoami xargs xcodebuild xcrun xvfb-run yarn yes zip zsh zstd if then else fi for do done while source .').split(' '),
);
