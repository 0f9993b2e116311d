import type { RuleDoc } from '@mcp/core-protocol';
import { cmdHasArgs, dropFlagArg, getArgs, getArgsNoFlags, isPipInstall, type Command } from '../shared/dockerfile/shell';

/** Rule documentation, and the recognizers the detectors and the rewriter share. */

const wiki = (id: string) => `https://github.com/hadolint/hadolint/wiki/${id}`;

export const RULES: Record<string, RuleDoc> = {
  'copy-context-before-install': { id: 'copy-context-before-install', severity: 'warning', summary: 'The whole build context is copied before a dependency install, so any source change re-runs the install' },
  DL3059: { id: 'DL3059', severity: 'info', summary: 'Multiple consecutive RUN instructions that could be one layer', docs: wiki('DL3059') },
  DL3009: { id: 'DL3009', severity: 'info', summary: 'apt lists (/var/lib/apt/lists) left in the layer', docs: wiki('DL3009') },
  DL3019: { id: 'DL3019', severity: 'info', summary: 'apk cache left in the layer: use `apk add --no-cache`', docs: wiki('DL3019') },
  DL3042: { id: 'DL3042', severity: 'warning', summary: 'pip cache left in the layer: use `pip install --no-cache-dir`', docs: wiki('DL3042') },
  'package-cache-in-layer': { id: 'package-cache-in-layer', severity: 'info', summary: 'npm, yarn, dnf/yum or gem cache left in the layer, or a cleanup in a later RUN that frees nothing' },
  'missing-multi-stage-build': { id: 'missing-multi-stage-build', severity: 'warning', summary: 'Compilers or build tools are installed in the final stage' },
};

/** A dependency install that only needs the package manifests, with those manifests. */
export interface Install {
  tool: string;
  manifests: string[];
}

export function installOf(c: Command): Install | null {
  const args = getArgs(c);
  const noPkgs = (sub: string[]) => getArgsNoFlags(c).filter((a) => !sub.includes(a)).length === 0;
  switch (c.name) {
    case 'npm':
      if (args[0] === 'ci' || (args[0] === 'install' && noPkgs(['install']))) return { tool: 'npm', manifests: ['package.json', 'package-lock.json'] };
      return null;
    case 'yarn':
      if (args.length === 0 || (args[0] === 'install' && noPkgs(['install']))) return { tool: 'yarn', manifests: ['package.json', 'yarn.lock'] };
      return null;
    case 'pnpm':
      if (args[0] === 'install' || args[0] === 'i') return { tool: 'pnpm', manifests: ['package.json', 'pnpm-lock.yaml'] };
      return null;
    case 'poetry':
      if (args[0] === 'install') return { tool: 'poetry', manifests: ['pyproject.toml', 'poetry.lock'] };
      return null;
    case 'pipenv':
      if (args[0] === 'install' || args[0] === 'sync') return { tool: 'pipenv', manifests: ['Pipfile', 'Pipfile.lock'] };
      return null;
    case 'uv':
      if (args[0] === 'sync') return { tool: 'uv', manifests: ['pyproject.toml', 'uv.lock'] };
      return null;
    case 'bundle':
      if (args[0] === 'install' || args.length === 0) return { tool: 'bundler', manifests: ['Gemfile', 'Gemfile.lock'] };
      return null;
    case 'composer':
      if (args[0] === 'install') return { tool: 'composer', manifests: ['composer.json', 'composer.lock'] };
      return null;
    case 'go':
      if (args[0] === 'mod' && args[1] === 'download') return { tool: 'go', manifests: ['go.mod', 'go.sum'] };
      return null;
    case 'cargo':
      if (args[0] === 'fetch') return { tool: 'cargo', manifests: ['Cargo.toml', 'Cargo.lock'] };
      return null;
    case 'mvn':
      if (args.some((a) => a.startsWith('dependency:'))) return { tool: 'maven', manifests: ['pom.xml'] };
      return null;
  }
  if (isPipInstall(c)) {
    const files: string[] = [];
    for (let i = 0; i < args.length; i++) {
      if ((args[i] === '-r' || args[i] === '--requirement') && args[i + 1]) files.push(args[++i]);
      else if (args[i].startsWith('--requirement=')) files.push(args[i].slice('--requirement='.length));
    }
    const pkgs = getArgsNoFlags(c).filter((a) => !['install', '-m', 'pip'].includes(a) && !files.includes(a));
    if (files.length > 0 && pkgs.length === 0) return { tool: 'pip', manifests: files };
  }
  return null;
}

/** Cleanup commands that only free space when they run in the RUN that filled the cache. */
export function cleanupKind(c: Command): string | null {
  const args = getArgs(c);
  if (c.name === 'rm') {
    const paths = args.filter((a) => !a.startsWith('-'));
    if (paths.length > 0 && paths.every((p) => /^\/var\/lib\/apt\/lists|^\/var\/cache\/(apt|apk|yum|dnf)|^\/root\/\.(cache|npm)|^\/tmp\/\*/.test(p))) return 'files';
    return null;
  }
  if ((c.name === 'apt-get' || c.name === 'apt') && (args[0] === 'clean' || args[0] === 'autoclean')) return 'apt';
  if ((c.name === 'yum' || c.name === 'dnf' || c.name === 'microdnf') && args[0] === 'clean') return c.name;
  if (c.name === 'apk' && args[0] === 'cache' && args[1] === 'clean') return 'apk';
  if (c.name === 'npm' && args[0] === 'cache' && args[1] === 'clean') return 'npm';
  if (c.name === 'yarn' && args[0] === 'cache' && args[1] === 'clean') return 'yarn';
  if ((c.name.startsWith('pip')) && args[0] === 'cache' && args[1] === 'purge') return 'pip';
  if (c.name === 'gem' && args[0] === 'cleanup') return 'gem';
  return null;
}

/** Which cache-producing command a cleanup belongs to (for moving it into that RUN). */
export function producesCacheFor(c: Command, kind: string): boolean {
  switch (kind) {
    case 'apt':
      return cmdHasArgs(['apt-get', 'apt'], ['install', 'update'], c);
    case 'apk':
      return cmdHasArgs('apk', ['add', 'update'], c);
    case 'npm':
      return cmdHasArgs('npm', ['install', 'ci', 'i'], c);
    case 'yarn':
      return c.name === 'yarn';
    case 'pip':
      return isPipInstall(c);
    case 'gem':
      return cmdHasArgs(['gem', 'bundle'], ['install'], c);
    case 'yum':
    case 'dnf':
    case 'microdnf':
      return cmdHasArgs(kind, ['install', 'update', 'upgrade'], c);
    default:
      return (
        cmdHasArgs(['apt-get', 'apt'], ['install', 'update'], c) ||
        cmdHasArgs(['apk', 'yum', 'dnf', 'microdnf'], ['add', 'install', 'update'], c) ||
        cmdHasArgs('npm', ['install', 'ci'], c) ||
        isPipInstall(c)
      );
  }
}

/** Package caches other than apt/apk/pip that an install leaves behind, with the cleanup. */
export function cacheLeftBy(c: Command): { manager: string; cleanup: string; isCleanup: (x: Command) => boolean; mount: string } | null {
  if (cmdHasArgs('npm', ['install', 'ci', 'i'], c)) return { manager: 'npm', cleanup: 'npm cache clean --force', isCleanup: (x) => x.name === 'npm' && getArgs(x)[0] === 'cache', mount: '/root/.npm' };
  if (c.name === 'yarn' && (getArgs(c).length === 0 || getArgs(c)[0] === 'install' || getArgs(c)[0] === 'add')) return { manager: 'yarn', cleanup: 'yarn cache clean', isCleanup: (x) => x.name === 'yarn' && getArgs(x)[0] === 'cache', mount: '/usr/local/share/.cache/yarn' };
  for (const m of ['dnf', 'yum', 'microdnf']) {
    if (cmdHasArgs(m, ['install', 'update', 'upgrade', 'groupinstall'], c)) return { manager: m, cleanup: `${m} clean all`, isCleanup: (x) => x.name === m && getArgs(x)[0] === 'clean', mount: `/var/cache/${m === 'yum' ? 'yum' : 'dnf'}` };
  }
  if (cmdHasArgs('gem', ['install'], c) || cmdHasArgs('bundle', ['install'], c)) {
    return { manager: c.name, cleanup: 'rm -rf /root/.gem /usr/local/bundle/cache', isCleanup: (x) => x.name === 'rm' && getArgs(x).some((a) => a.includes('bundle/cache') || a.includes('.gem')), mount: '/usr/local/bundle/cache' };
  }
  return null;
}

const BUILD_PACKAGES = /^(build-essential|build-base|gcc|gcc-c\+\+|g\+\+|clang|llvm|make|cmake|ninja-build|autoconf|automake|libtool|pkg-config|pkgconf|musl-dev|linux-headers|golang|golang-go|rustc|cargo|maven|gradle|openjdk-\d+-jdk|default-jdk|nodejs-dev|[a-z0-9.+-]+-(dev|devel))(?:[=<>~].*)?$/;

/** Build-time packages installed by a package manager command (apt-get, apk, yum/dnf). */
export function buildPackagesOf(c: Command): string[] {
  const isInstall =
    cmdHasArgs(['apt-get', 'apt'], ['install'], c) || cmdHasArgs('apk', ['add'], c) || cmdHasArgs(['yum', 'dnf', 'microdnf'], ['install', 'groupinstall'], c);
  if (!isInstall) return [];
  return getArgsNoFlags(c).filter((a) => !['install', 'add', 'groupinstall'].includes(a) && BUILD_PACKAGES.test(a));
}

export function runtimePackagesOf(c: Command): string[] {
  const isApt = cmdHasArgs(['apt-get', 'apt'], ['install'], c);
  const isApk = cmdHasArgs('apk', ['add'], c);
  if (!isApt && !isApk) return [];
  // `--virtual .build-deps` / `-t release`: values, not packages.
  return getArgsNoFlags(dropFlagArg(['virtual', 't', 'target-release'], c)).filter((a) => !['install', 'add'].includes(a) && !BUILD_PACKAGES.test(a));
}
