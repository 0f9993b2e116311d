import { argPairs, envPairs, type Dockerfile } from '../../shared/dockerfile/parse-dockerfile';
import {
  cmdHasArgs,
  cmdHasPrefixArg,
  dropFlagArg,
  findCommandIndex,
  getArgs,
  getArgsNoFlags,
  hasAnyFlag,
  hasFlag,
  isInfixOf,
  isPipInstall,
  type Command,
  type ParsedShell,
} from '../../shared/dockerfile/shell';
import { dl, hasCacheOrTmpfsMountWith, quoteList, runs, type DlRule } from './rule';

/** Version pinning and cache rules for pip, npm, apk, gem, yum, dnf, zypper, yarn and go. */

/** hadolint's stripInstallPrefix: the words after the first run of `install`. */
function stripInstallPrefix(args: string[]): string[] {
  let i = args.indexOf('install');
  if (i === -1) return [];
  while (args[i] === 'install') i++;
  return args.slice(i);
}

// ---- pip --------------------------------------------------------------------------------

const PIP_VALUE_FLAGS = [
  'abi', 'b', 'build', 'e', 'editable', 'extra-index-url', 'f', 'find-links', 'i', 'index-url', 'implementation',
  'no-binary', 'only-binary', 'platform', 'prefix', 'progress-bar', 'proxy', 'python', 'python-version', 'root',
  'root-user-action', 'src', 't', 'target', 'trusted-host', 'upgrade-strategy',
];
const VCS = ['git+file', 'git+https', 'git+ssh', 'git+http', 'git+git', 'git', 'hg+file', 'hg+http', 'hg+https', 'hg+ssh', 'hg+static-http', 'svn', 'svn+svn', 'svn+http', 'svn+https', 'svn+ssh', 'bzr+http', 'bzr+https', 'bzr+ssh', 'bzr+sftp', 'bzr+ftp', 'bzr+lp'];

function pipPackages(cmd: Command): string[] {
  return stripInstallPrefix(getArgsNoFlags(dropFlagArg(PIP_VALUE_FLAGS, cmd)));
}

function pipPinned(p: string): boolean {
  const isVcs = VCS.some((v) => p.startsWith(v));
  return (
    ['==', '>=', '<=', '>', '<', '!=', '~=', '==='].some((s) => p.includes(s)) ||
    (isVcs && p.includes('@')) ||
    p.endsWith('.whl') ||
    p.endsWith('.tar.gz') ||
    (!isVcs && p.includes('/'))
  );
}

export const DL3013 = dl('DL3013', 'warning', 'Pin versions in pip', (ctx, rule) => {
  for (const { at, shell } of runs(ctx.df)) {
    for (const cmd of shell.commands) {
      if (!isPipInstall(cmd) || hasFlag('constraint', cmd) || hasFlag('c', cmd)) continue;
      const args = getArgs(cmd);
      if (isInfixOf(['--requirement'], args) || isInfixOf(['-r'], args) || isInfixOf(['.'], args)) continue;
      const unpinned = pipPackages(cmd).filter((p) => !pipPinned(p));
      if (unpinned.length === 0) continue;
      ctx.report(rule, at, `Pin versions in pip: ${quoteList(unpinned)} ${unpinned.length === 1 ? 'has' : 'have'} no version. Instead of \`pip install <package>\` use \`pip install <package>==<version>\` or \`pip install --requirement <requirements file>\`.`, `Write ${unpinned.slice(0, 3).map((p) => `\`${p}==<version>\``).join(', ')}, or install from a pinned requirements file.`);
      break;
    }
  }
});

export const DL3042 = dl('DL3042', 'warning', 'Avoid use of cache directory with pip', (ctx, rule) => {
  const truthy = new Set(['1', 'true', 'True', 'TRUE', 'on', 'On', 'ON', 'yes', 'Yes', 'YES']);
  // PIP_NO_CACHE_DIR set by ENV in a stage carries over to stages built on it.
  const noCache: boolean[] = [];
  let current = false;
  for (const ins of ctx.df.instructions) {
    if (ins.keyword === 'FROM') {
      const stage = ctx.df.stages[ins.stage];
      current = stage.parent !== null ? (noCache[stage.parent] ?? false) : false;
    } else if (ins.keyword === 'ENV') {
      const v = envPairs(ins.args).find(([k]) => k === 'PIP_NO_CACHE_DIR');
      if (v && truthy.has(v[1])) current = true;
    }
    if (ins.stage >= 0) noCache[ins.stage] = current;
  }
  for (const { ins, at, shell } of runs(ctx.df)) {
    if (at.stage >= 0 && noCache[at.stage] && at.keyword === 'RUN') continue;
    const inline = /PIP_NO_CACHE_DIR=(\S*)/.exec(shell.original);
    if (inline && [...truthy].some((t) => inline[1].replace(/^["']/, '').startsWith(t))) continue;
    if (hasCacheOrTmpfsMountWith('.cache/pip', ins)) continue;
    const bad = shell.commands.find(
      (c) =>
        isPipInstall(c) &&
        !getArgs(c).includes('--no-cache-dir') &&
        !(['pipx', 'pipenv'].some((w) => c.name.includes(w) || (c.name.startsWith('python') && isInfixOf(['-m', w], getArgs(c))))),
    );
    if (bad) {
      ctx.report(rule, at, `Avoid use of cache directory with pip: \`${bad.name} ${getArgs(bad).join(' ')}\` keeps downloaded wheels in the layer. Use \`pip install --no-cache-dir <package>\`.`, 'Add `--no-cache-dir`, set `ENV PIP_NO_CACHE_DIR=1`, or use `--mount=type=cache,target=/root/.cache/pip`.');
    }
  }
});

// ---- npm --------------------------------------------------------------------------------

function npmPinned(p: string): boolean {
  if (['git://', 'git+ssh://', 'git+http://', 'git+https://'].some((g) => p.startsWith(g))) return p.includes('#');
  if (['.tar', '.tar.gz', '.tgz'].some((s) => p.endsWith(s))) return true;
  if (['/', './', '../', '~/'].some((s) => p.startsWith(s))) return true;
  const unscoped = p.startsWith('@') ? p.slice(p.indexOf('/') + 1) : p;
  return unscoped.includes('@');
}

export const DL3016 = dl('DL3016', 'warning', 'Pin versions in npm', (ctx, rule) => {
  for (const { at, shell } of runs(ctx.df)) {
    for (const cmd of shell.commands) {
      if (!cmdHasArgs('npm', ['install'], cmd)) continue;
      const args = getArgsNoFlags(dropFlagArg(['loglevel', 'registry'], cmd));
      if (args[0] !== 'install') continue;
      const unpinned = stripInstallPrefix(args).filter((p) => !npmPinned(p));
      if (unpinned.length === 0) continue;
      ctx.report(rule, at, `Pin versions in npm: ${quoteList(unpinned)} ${unpinned.length === 1 ? 'has' : 'have'} no version. Instead of \`npm install <package>\` use \`npm install <package>@<version>\`.`, `Write ${unpinned.slice(0, 3).map((p) => `\`${p}@<version>\``).join(', ')}.`);
      break;
    }
  }
});

// ---- apk --------------------------------------------------------------------------------

export const DL3018 = dl('DL3018', 'warning', 'Pin versions in apk add', (ctx, rule) => {
  for (const { at, shell } of runs(ctx.df)) {
    const pkgs = shell.commands
      .filter((c) => cmdHasArgs('apk', ['add'], c))
      .flatMap((c) => getArgsNoFlags(dropFlagArg(['t', 'virtual', 'repository', 'X'], c)))
      .filter((a) => a !== 'add');
    const unpinned = pkgs.filter((p) => !(['=', '~', '>', '<'].some((s) => p.includes(s)) || p.endsWith('.apk')));
    if (unpinned.length > 0) {
      ctx.report(rule, at, `Pin versions in apk add: ${quoteList(unpinned)} ${unpinned.length === 1 ? 'has' : 'have'} no version. Instead of \`apk add <package>\` use \`apk add <package>=<version>\`.`, `Write ${unpinned.slice(0, 3).map((p) => `\`${p}=<version>\``).join(', ')} (or \`~<major.minor>\`).`);
    }
  }
});

export const DL3019 = dl('DL3019', 'info', 'Use the `--no-cache` switch to avoid the need to use `--update` and remove `/var/cache/apk/*`', (ctx, rule) => {
  for (const { ins, at, shell } of runs(ctx.df)) {
    if (hasCacheOrTmpfsMountWith('/var/cache/apk', ins)) continue;
    const bad = shell.commands.find((c) => cmdHasArgs('apk', ['add'], c) && !hasFlag('no-cache', c));
    if (bad) {
      ctx.report(rule, at, `Use the \`--no-cache\` switch to avoid the need to use \`--update\` and remove \`/var/cache/apk/*\` when done installing packages: \`apk ${getArgs(bad).join(' ')}\`.`, 'Write `apk add --no-cache ...`.');
    }
  }
});

// ---- gem --------------------------------------------------------------------------------

export const DL3028 = dl('DL3028', 'warning', 'Pin versions in gem install', (ctx, rule) => {
  for (const { at, shell } of runs(ctx.df)) {
    const gems: string[] = [];
    for (const c of shell.commands) {
      if (!cmdHasArgs('gem', ['install', 'i'], c) || cmdHasArgs('gem', ['-v', '--version'], c) || cmdHasPrefixArg('gem', '--version=', c)) continue;
      const args = getArgs(c);
      const until = args.indexOf('--') === -1 ? args : args.slice(0, args.indexOf('--'));
      for (let k = 0; k < until.length; k++) {
        const a = until[k];
        if (a.startsWith('-')) {
          k++;
          continue;
        }
        if (a !== 'install' && a !== 'i') gems.push(a);
      }
    }
    const unpinned = gems.filter((g) => !g.includes(':'));
    if (unpinned.length > 0) {
      ctx.report(rule, at, `Pin versions in gem install: ${quoteList(unpinned)}. Instead of \`gem install <gem>\` use \`gem install <gem>:<version>\`.`, `Write ${unpinned.slice(0, 3).map((g) => `\`${g}:<version>\``).join(', ')}.`);
    }
  }
});

// ---- yum / dnf / zypper -------------------------------------------------------------------

function yesRule(id: string, tool: string, names: string[], subs: string[], yes: string[]): DlRule {
  return dl(id, 'warning', `Use the -y switch to avoid manual input \`${tool} install -y <package>\``, (ctx, rule) => {
    for (const { at, shell } of runs(ctx.df)) {
      const bad = shell.commands.find((c) => cmdHasArgs(names, subs, c) && !hasAnyFlag(yes, c));
      if (bad) ctx.report(rule, at, `Use the -y switch to avoid manual input: \`${bad.name} ${getArgs(bad).slice(0, 4).join(' ')}\` asks for confirmation.`, `Write \`${bad.name} ${tool === 'zypper' ? '--non-interactive' : '-y'} ...\`.`);
    }
  });
}

export const DL3030 = yesRule('DL3030', 'yum', ['yum'], ['install', 'groupinstall', 'localinstall'], ['y', 'assumeyes']);
export const DL3034 = yesRule('DL3034', 'zypper', ['zypper'], ['install', 'in', 'remove', 'rm', 'source-install', 'si', 'patch'], ['non-interactive', 'n', 'no-confirm', 'y']);
export const DL3038 = yesRule('DL3038', 'dnf', ['dnf', 'microdnf'], ['install', 'groupinstall', 'localinstall'], ['y', 'assumeyes']);

function cleanAfter(shell: ParsedShell, install: (c: Command) => boolean, clean: (c: Command) => boolean): boolean {
  const i = findCommandIndex(install, shell);
  if (i === -1) return true;
  const c = findCommandIndex(clean, shell);
  return c !== -1 && i < c;
}

export const DL3032 = dl('DL3032', 'warning', '`yum clean all` missing after yum command', (ctx, rule) => {
  for (const { at, shell } of runs(ctx.df)) {
    if (!cleanAfter(shell, (c) => cmdHasArgs('yum', ['install'], c), (c) => cmdHasArgs('yum', ['clean', 'all'], c) || cmdHasArgs('rm', ['-rf', '/var/cache/yum/*'], c))) {
      ctx.report(rule, at, '`yum clean all` missing after yum command: the yum cache stays in the layer.', 'End the same RUN with `&& yum clean all`.');
    }
  }
});

export const DL3036 = dl('DL3036', 'warning', '`zypper clean` missing after zypper use', (ctx, rule) => {
  for (const { ins, at, shell } of runs(ctx.df)) {
    if (hasCacheOrTmpfsMountWith('/var/cache/zypp', ins)) continue;
    if (!cleanAfter(shell, (c) => cmdHasArgs('zypper', ['install', 'in'], c), (c) => cmdHasArgs('zypper', ['clean', 'cc'], c))) {
      ctx.report(rule, at, '`zypper clean` missing after zypper use: the package cache stays in the layer.', 'End the same RUN with `&& zypper clean`.');
    }
  }
});

export const DL3040 = dl('DL3040', 'warning', '`dnf clean all` missing after dnf command', (ctx, rule) => {
  const installs = ['install', 'in', 'upgrade', 'up', 'upgrade-minimal', 'up-min', 'reinstall', 'rei'];
  for (const { ins, at, shell } of runs(ctx.df)) {
    if (hasCacheOrTmpfsMountWith('/var/cache/libdnf5', ins) || hasCacheOrTmpfsMountWith('.cache/libdnf5', ins)) continue;
    const missing = ['dnf', 'microdnf'].find(
      (name) => !cleanAfter(shell, (c) => cmdHasArgs(name, installs, c), (c) => cmdHasArgs(name, ['clean', 'all'], c) || cmdHasArgs('rm', ['-rf', '/var/cache/libdnf5*'], c)),
    );
    if (missing) ctx.report(rule, at, `\`${missing} clean all\` missing after ${missing} command: the package cache stays in the layer.`, `End the same RUN with \`&& ${missing} clean all\`.`);
  }
});

export const DL3035 = dl('DL3035', 'warning', 'Do not use `zypper dist-upgrade`', (ctx, rule) => {
  for (const { at, shell } of runs(ctx.df)) {
    if (shell.commands.some((c) => cmdHasArgs('zypper', ['dist-upgrade', 'dup'], c))) {
      ctx.report(rule, at, 'Do not use `zypper dist-upgrade`: it upgrades the distribution under the base image.', 'Use a newer base image instead.');
    }
  }
});

export const DL3037 = dl('DL3037', 'warning', 'Specify version with `zypper install -y <package>=<version>`', (ctx, rule) => {
  for (const { at, shell } of runs(ctx.df)) {
    const pkgs = shell.commands.filter((c) => cmdHasArgs('zypper', ['install', 'in'], c)).flatMap(getArgsNoFlags).filter((a) => a !== 'install' && a !== 'in');
    const unpinned = pkgs.filter((p) => !(['=', '>', '<'].some((s) => p.includes(s)) || p.endsWith('.rpm')));
    if (unpinned.length > 0) ctx.report(rule, at, `Specify version with \`zypper install -y <package>=<version>\`: ${quoteList(unpinned)}.`, `Write ${unpinned.slice(0, 3).map((p) => `\`${p}=<version>\``).join(', ')}.`);
  }
});

/** Variables an rpm package name may use: ENV of the stage (and its parents) and any ARG. */
function definedVars(df: Dockerfile): (stage: number) => Set<string> {
  const perStage: Set<string>[] = [];
  const args = new Set<string>();
  for (const ins of df.instructions) {
    if (ins.keyword === 'ARG') for (const [n] of argPairs(ins.args)) args.add(n);
    if (ins.keyword === 'FROM') {
      const st = df.stages[ins.stage];
      perStage[ins.stage] = new Set(st.parent !== null ? perStage[st.parent] : []);
    }
    if (ins.keyword === 'ENV' && ins.stage >= 0) for (const [n] of envPairs(ins.args)) perStage[ins.stage].add(n);
  }
  return (stage) => new Set([...(perStage[stage] ?? []), ...args]);
}

function rpmPinned(p: string, vars: Set<string>): boolean {
  const parts = p.split('-');
  if (parts.length <= 1) return false;
  if (p.endsWith('.rpm')) return true;
  if (p.includes('$')) return [...vars].some((v) => p.includes('${' + v + '}'));
  const rest = parts.slice(1);
  return rest.every((x) => /^[0-9A-Za-z.~^_:+]*$/.test(x)) && rest.some((x) => /^[0-9]/.test(x));
}

function rpmRule(id: string, tool: string, names: string[], nonPackageSubs: string[]): DlRule {
  return dl(id, 'warning', `Specify version with \`${tool} install -y <package>-<version>\``, (ctx, rule) => {
    const vars = definedVars(ctx.df);
    for (const { at, shell } of runs(ctx.df)) {
      const bad: string[] = [];
      for (const c of shell.commands) {
        if (!cmdHasArgs(names, ['install'], c)) continue;
        const isModule = cmdHasArgs(names, ['module'], c);
        if (!isModule && cmdHasArgs(names, nonPackageSubs, c)) continue;
        const args = getArgsNoFlags(c).filter((a) => a !== 'install' && a !== 'module');
        for (const a of args) if (isModule ? !a.includes(':') : !rpmPinned(a, vars(at.stage))) bad.push(a);
      }
      if (bad.length > 0) ctx.report(rule, at, `Specify version with \`${tool} install -y <package>-<version>\`: ${quoteList(bad)}.`, `Write ${bad.slice(0, 3).map((p) => `\`${p}-<version>\``).join(', ')}.`);
    }
  });
}

export const DL3033 = rpmRule('DL3033', 'yum', ['yum'], ['module']);
export const DL3041 = rpmRule('DL3041', 'dnf', ['dnf', 'microdnf'], ['module', 'group']);

// ---- yarn / go ----------------------------------------------------------------------------

export const DL3060 = dl('DL3060', 'info', '`yarn cache clean` missing after `yarn install` was run', (ctx, rule) => {
  const { stages } = ctx.df;
  const usedAsBase = new Set(stages.map((s) => s.image.text.toLowerCase()));
  for (const { ins, at, shell } of runs(ctx.df)) {
    const install = findCommandIndex((c) => cmdHasArgs('yarn', ['install'], c), shell);
    if (install === -1) continue;
    const clean = findCommandIndex((c) => cmdHasArgs('yarn', ['cache'], c) && cmdHasArgs('yarn', ['clean'], c), shell);
    const missing = clean === -1 ? !hasCacheOrTmpfsMountWith('.cache/yarn', ins) : clean < install;
    if (!missing) continue;
    const stage = stages[at.stage];
    if (stage && stage.index !== stages.length - 1 && !(stage.alias && usedAsBase.has(stage.alias))) continue;
    ctx.report(rule, at, '`yarn cache clean` missing after `yarn install` was run: the yarn cache stays in the layer.', 'End the same RUN with `&& yarn cache clean`, or use `--mount=type=cache,target=/usr/local/share/.cache/yarn`.');
  }
});

export const DL3062 = dl('DL3062', 'warning', 'Pin versions in go install', (ctx, rule) => {
  const pinned = (p: string) => p === '.' || p.startsWith('/') || p.startsWith('.') || (p.includes('@') && !p.endsWith('@latest') && !p.endsWith('@none'));
  for (const { at, shell } of runs(ctx.df)) {
    let pkgs: string[] = [];
    for (const c of shell.commands) {
      if (cmdHasArgs('go', ['run'], c)) pkgs.push(...getArgsNoFlags(c).filter((a, i) => a !== 'run' && i <= 1));
    }
    if (pkgs.length === 0) {
      pkgs = shell.commands.filter((c) => cmdHasArgs('go', ['install', 'get'], c)).flatMap(getArgsNoFlags).filter((a) => !['install', 'get', 'tool'].includes(a));
    }
    const bad = pkgs.filter((p) => !pinned(p));
    if (bad.length > 0) ctx.report(rule, at, `Pin versions in go: ${quoteList(bad)}. Instead of \`go install <package>\` use \`go install <package>@<version>\`.`, `Write ${bad.slice(0, 3).map((p) => `\`${p.replace(/@.*$/, '')}@v<version>\``).join(', ')}.`);
  }
});

export const packageRules: DlRule[] = [
  DL3013, DL3016, DL3018, DL3019, DL3028, DL3030, DL3032, DL3033, DL3034, DL3035, DL3036, DL3037, DL3038,
  DL3040, DL3041, DL3042, DL3060, DL3062,
];
