import { cmdHasArgs, countFlag, dropFlagArg, getArgs, getArgsNoFlags, hasAnyFlag, hasArg, hasFlag, usingProgram, type Command, type ParsedShell } from '../../shared/dockerfile/shell';
import type { Instruction } from '../../shared/dockerfile/parse-dockerfile';
import { dl, hasCacheOrTmpfsMountWith, quoteList, runs, type DlRule } from './rule';

/** Packages of every `apt-get install` in the script, `-t <release>` values dropped (hadolint). */
export function aptGetPackages(shell: ParsedShell): string[] {
  return shell.commands
    .filter((c) => cmdHasArgs('apt-get', ['install'], c))
    .flatMap((c) => getArgsNoFlags(dropFlagArg(['t', 'target-release'], c)))
    .filter((a) => a !== 'install');
}

export const DL3008 = dl('DL3008', 'warning', 'Pin versions in apt get install', (ctx, rule) => {
  for (const { at, shell } of runs(ctx.df)) {
    const unpinned = aptGetPackages(shell).filter((p) => !(p.includes('=') || p.includes('/') || p.endsWith('.deb')));
    if (unpinned.length > 0) {
      ctx.report(
        rule,
        at,
        `Pin versions in apt-get install: ${quoteList(unpinned)} ${unpinned.length === 1 ? 'has' : 'have'} no version. Instead of \`apt-get install <package>\` use \`apt-get install <package>=<version>\`.`,
        `Write ${unpinned.slice(0, 3).map((p) => `\`${p}=<version>\``).join(', ')} (see \`apt-cache policy ${unpinned[0]}\`).`,
      );
    }
  }
});

function hasAptUpdate(shell: ParsedShell): boolean {
  return shell.commands.some((c) => cmdHasArgs('apt', ['update'], c) || cmdHasArgs('apt-get', ['update'], c) || cmdHasArgs('aptitude', ['update'], c));
}

function hasAptListsCleanup(shell: ParsedShell): boolean {
  // hadolint's test: an `rm` with `-rf` or `/var/lib/apt/lists/*` among its arguments.
  return shell.commands.some((c) => cmdHasArgs('rm', ['-rf', '/var/lib/apt/lists/*'], c));
}

/** True when the RUN leaves `/var/lib/apt/lists` in its layer (DL3009's test). */
export function leavesAptLists(ins: Instruction, shell: ParsedShell): boolean {
  if (!hasAptUpdate(shell) || hasAptListsCleanup(shell)) return false;
  if (hasCacheOrTmpfsMountWith('/var/lib/apt/lists', ins)) return false;
  if (hasCacheOrTmpfsMountWith('/var/lib/apt', ins) && hasCacheOrTmpfsMountWith('/var/cache/apt', ins)) return false;
  return true;
}

/**
 * DL3009 only matters for layers that end up in an image: the final stage, or a stage that a
 * later FROM builds on (hadolint's semantics; a builder stage only copied from is exempt).
 */
export const DL3009 = dl('DL3009', 'info', 'Delete the apt lists (/var/lib/apt/lists) after installing something', (ctx, rule) => {
  const { stages } = ctx.df;
  const usedAsBase = new Set(stages.map((s) => s.image.text.toLowerCase()));
  const last = stages.length - 1;
  for (const { ins, at, shell } of runs(ctx.df)) {
    if (!leavesAptLists(ins, shell)) continue;
    const stage = stages[at.stage];
    const inImage = at.keyword === 'ONBUILD' || !stage || stage.index === last || (stage.alias !== null && usedAsBase.has(stage.alias));
    if (!inImage) continue;
    ctx.report(
      rule,
      at,
      'Delete the apt lists (/var/lib/apt/lists) after installing something: this RUN runs `apt-get update` and keeps the package lists in the layer.',
      'End the same RUN with `&& rm -rf /var/lib/apt/lists/*`, or use `--mount=type=cache,target=/var/lib/apt/lists`.',
    );
  }
});

export const DL3015 = dl('DL3015', 'info', 'Avoid additional packages by specifying `--no-install-recommends`', (ctx, rule) => {
  const forgot = (c: Command) => cmdHasArgs('apt-get', ['install'], c) && !(hasFlag('no-install-recommends', c) || hasArg('APT::Install-Recommends=false', c));
  for (const { at, shell } of runs(ctx.df)) {
    const cmd = shell.commands.find(forgot);
    if (cmd) {
      const pkgs = getArgsNoFlags(cmd).filter((a) => a !== 'install');
      ctx.report(
        rule,
        at,
        `Avoid additional packages by specifying \`--no-install-recommends\`: \`apt-get install${pkgs.length ? ' ' + pkgs.slice(0, 4).join(' ') : ''}\` also installs recommended packages.`,
        'Add `--no-install-recommends` to `apt-get install`.',
      );
    }
  }
});

export const DL3014 = dl('DL3014', 'warning', 'Use the `-y` switch to avoid manual input `apt-get -y install <package>`', (ctx, rule) => {
  const yes = (c: Command) => hasAnyFlag(['y', 'yes', 'qq', 'assume-yes'], c) || countFlag('q', c) === 2 || countFlag('quiet', c) === 2 || getArgs(c).includes('-q=2');
  for (const { at, shell } of runs(ctx.df)) {
    if (shell.commands.some((c) => cmdHasArgs('apt-get', ['install'], c) && !yes(c))) {
      ctx.report(rule, at, 'Use the `-y` switch to avoid manual input: `apt-get install` without `-y` waits for a confirmation.', 'Write `apt-get install -y ...`.');
    }
  }
});

export const DL3027 = dl('DL3027', 'warning', 'Do not use apt as it is meant to be an end-user tool, use apt-get or apt-cache instead', (ctx, rule) => {
  for (const { at, shell } of runs(ctx.df)) {
    if (usingProgram('apt', shell)) {
      const sub = shell.commands.find((c) => c.name === 'apt')?.args[0]?.arg ?? '';
      ctx.report(rule, at, `Do not use apt as it is meant to be an end-user tool: \`apt ${sub}\`. Use apt-get or apt-cache instead.`, `Replace \`apt ${sub}\` with \`apt-get ${sub}\`.`);
    }
  }
});

export const aptRules: DlRule[] = [DL3008, DL3009, DL3014, DL3015, DL3027];
