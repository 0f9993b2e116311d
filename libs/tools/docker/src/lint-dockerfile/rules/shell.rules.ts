import { shellOf, splitWords, type Instruction } from '../../shared/dockerfile/parse-dockerfile';
import { cmdHasArgs, getArgsNoFlags, getFlagArg, hasAnyFlag, hasFlag, parseShell, shellBasename } from '../../shared/dockerfile/shell';
import { dl, runs, type DlRule } from './rule';

const NON_POSIX = ['pwsh', 'powershell', 'cmd'];

/**
 * Whether a SHELL instruction makes pipes fail on any stage: `bash`/`zsh`/`ash` with
 * `-o pipefail`, or a non-POSIX shell (PowerShell, cmd) where the check does not apply.
 */
export function shellSetsPipefail(ins: Instruction): boolean {
  const words = ins.json ?? [ins.args];
  const first = shellBasename(words[0] ?? '').toLowerCase().replace(/\.exe$/, '');
  if (NON_POSIX.includes(first)) return true;
  const parsed = parseShell(words.join(' '));
  return parsed.commands.some(
    (c) => ['bash', 'zsh', 'ash'].includes(shellBasename(c.name)) && hasFlag('o', c) && c.args.some((a) => a.arg === 'pipefail'),
  );
}

/**
 * DL4006. The SHELL in effect is tracked per stage: a new FROM starts with `/bin/sh -c`
 * (hadolint) unless it builds on an earlier stage, whose SHELL it inherits (BuildKit keeps the
 * shell in the image config).
 */
export const DL4006 = dl('DL4006', 'warning', 'Set the SHELL option -o pipefail before RUN with a pipe in it', (ctx, rule) => {
  const stageState: boolean[] = [];
  let pipefail = false;
  for (const ins of ctx.df.instructions) {
    if (ins.keyword === 'FROM') {
      const stage = ctx.df.stages[ins.stage];
      pipefail = stage.parent !== null ? (stageState[stage.parent] ?? false) : false;
    } else if (ins.keyword === 'SHELL') {
      pipefail = shellSetsPipefail(ins);
    } else if (ins.keyword === 'RUN' && shellOf(ins).hasPipes && !pipefail) {
      ctx.report(
        rule,
        ins,
        'Set the SHELL option -o pipefail before RUN with a pipe in it: under `/bin/sh -c` a failure on the left of `|` is ignored and the build continues.',
        'Add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (on Alpine: `SHELL ["/bin/ash", "-eo", "pipefail", "-c"]`).',
      );
    }
    if (ins.stage >= 0) stageState[ins.stage] = pipefail;
  }
});

const USELESS = ['free', 'kill', 'mount', 'ps', 'service', 'shutdown', 'ssh', 'top', 'vim'];

export const DL3001 = dl('DL3001', 'info', 'For some bash commands it makes no sense running them in a Docker container', (ctx, rule) => {
  for (const { at, shell } of runs(ctx.df)) {
    const found = [...new Set(shell.commands.map((c) => c.name).filter((n) => USELESS.includes(n)))];
    if (found.length > 0) {
      ctx.report(rule, at, `For some bash commands it makes no sense running them in a Docker container: \`${found.join('`, `')}\` in a RUN does nothing useful for the image.`, 'Remove the command from the build.');
    }
  }
});

export const DL3003 = dl('DL3003', 'warning', 'Use WORKDIR to switch to a directory', (ctx, rule) => {
  for (const ins of ctx.df.instructions) {
    if (ins.keyword !== 'RUN') continue;
    const cd = shellOf(ins).commands.find((c) => c.name === 'cd');
    if (cd) {
      const dir = cd.args[0]?.arg ?? '~';
      ctx.report(rule, ins, `Use WORKDIR to switch to a directory: \`cd ${dir}\` only lasts for this RUN.`, `Use \`WORKDIR ${dir.startsWith('/') ? dir : '/path/to/' + dir}\`, or a subshell / \`make -C\` for a one-off.`);
    }
  }
});

export const DL3004 = dl('DL3004', 'error', 'Do not use sudo as it leads to unpredictable behavior', (ctx, rule) => {
  for (const { at, shell } of runs(ctx.df)) {
    const sudo = shell.commands.find((c) => c.name === 'sudo');
    if (sudo) {
      ctx.report(rule, at, `Do not use sudo as it leads to unpredictable behavior: \`sudo ${sudo.args.map((a) => a.arg).join(' ')}\`. Use a tool like gosu to enforce root.`, 'Run the step as root (`USER root` before it, back to the app user after), or use `gosu` at run time.');
    }
  }
});

export const DL4001 = dl('DL4001', 'warning', 'Either use Wget or Curl but not both', (ctx, rule) => {
  let seen = new Set<string>();
  for (const ins of ctx.df.instructions) {
    if (ins.keyword === 'FROM') {
      seen = new Set();
      continue;
    }
    const run = ins.keyword === 'RUN' ? ins : ins.trigger?.keyword === 'RUN' ? ins.trigger : null;
    if (!run) continue;
    const tools = shellOf(run).commands.map((c) => c.name).filter((n) => n === 'curl' || n === 'wget');
    for (const t of tools) seen.add(t);
    if (tools.length > 0 && seen.size >= 2) {
      ctx.report(rule, ins, 'Either use Wget or Curl but not both: this stage downloads with both `curl` and `wget`.', 'Pick one downloader and drop the other package.');
    }
  }
});

export const DL4005 = dl('DL4005', 'warning', 'Use SHELL to change the default shell', (ctx, rule) => {
  for (const { at, shell } of runs(ctx.df)) {
    if (shell.commands.some((c) => cmdHasArgs('ln', ['/bin/sh'], c))) {
      ctx.report(rule, at, 'Use SHELL to change the default shell: this RUN relinks `/bin/sh`.', 'Use `SHELL ["/bin/bash", "-c"]` instead of replacing /bin/sh.');
    }
  }
});

/** DL3059: consecutive RUNs with the same flags, each with at most 2 commands. */
export const DL3059 = dl('DL3059', 'info', 'Multiple consecutive `RUN` instructions. Consider consolidation.', (ctx, rule) => {
  let prev: { flags: string; count: number } | null = null;
  for (const ins of ctx.df.instructions) {
    if (ins.keyword !== 'RUN') {
      prev = null;
      continue;
    }
    const flags = ins.flags.map((f) => `${f.name}=${f.value}`).sort().join(' ');
    const count = shellOf(ins).commands.length;
    if (prev && prev.flags === flags && count <= 2 && prev.count <= 2) {
      ctx.report(rule, ins, 'Multiple consecutive `RUN` instructions. Consider consolidation: this RUN could join the one before it and save a layer.', 'Merge the two RUNs with `&&`.');
    }
    prev = { flags, count };
  }
});

export const DL3046 = dl('DL3046', 'warning', '`useradd` without flag `-l` and high UID will result in excessively large Image', (ctx, rule) => {
  for (const { at, shell } of runs(ctx.df)) {
    const bad = shell.commands.find(
      (c) => c.name === 'useradd' && !hasAnyFlag(['l', 'no-log-init'], c) && hasAnyFlag(['u', 'uid'], c) && getFlagArg('u', c).some((u) => u.length > 5),
    );
    if (bad) {
      ctx.report(rule, at, `\`useradd\` without flag \`-l\` and high UID will result in excessively large Image: UID ${getFlagArg('u', bad).join(', ')} fills /var/log/lastlog.`, 'Add `-l` (`--no-log-init`) to useradd.');
    }
  }
});

export const DL3047 = dl('DL3047', 'info', 'Avoid use of wget without progress bar', (ctx, rule) => {
  for (const { at, shell } of runs(ctx.df)) {
    const bad = shell.commands.find(
      (c) =>
        c.name === 'wget' &&
        !hasFlag('progress', c) &&
        !hasAnyFlag(['q', 'quiet', 'o', 'output-file', 'a', 'append-output', 'no-verbose'], c) &&
        !cmdHasArgs('wget', ['-nv'], c),
    );
    if (bad) {
      ctx.report(rule, at, 'Avoid use of wget without progress bar: its default progress output bloats the build log. Use `wget --progress=dot:giga <url>`.', 'Add `--progress=dot:giga`, `-q` or `-nv`.');
    }
  }
});

const ARCHIVE = ['.tar', '.Z', '.bz2', '.gz', '.lz', '.lzma', '.tZ', '.tb2', '.tbz', '.tbz2', '.tgz', '.tlz', '.tpz', '.txz', '.xz'];
const UNZIP = new Set(['unzip', 'gunzip', 'bunzip2', 'unlzma', 'unxz', 'zgz', 'uncompress', 'zcat', 'gzcat']);
const basename = (p: string) => p.replace(/^["']|["']$/g, '').replace(/^.*[/\\]/, '');

/** DL3010: an archive COPY'd into a stage and extracted by a later RUN of that stage. */
export const DL3010 = dl('DL3010', 'info', 'Use `ADD` for extracting archives into an image', (ctx, rule) => {
  for (const stage of ctx.df.stages) {
    const copied: { name: string; ins: Instruction }[] = [];
    for (const ins of stage.instructions) {
      if (ins.keyword === 'COPY' && !ins.flags.some((f) => f.name === 'from')) {
        const words = ins.json ?? splitWords(ins.args);
        const dest = words[words.length - 1] ?? '';
        const names = ARCHIVE.some((e) => basename(dest).endsWith(e)) ? [basename(dest)] : words.slice(0, -1).map(basename).filter((n) => ARCHIVE.some((e) => n.endsWith(e)));
        for (const name of names) copied.push({ name, ins });
      } else if (ins.keyword === 'RUN' && copied.length > 0) {
        for (const c of shellOf(ins).commands) {
          const extracts = (c.name === 'tar' && c.args.some((a) => a.arg === '--extract' || a.arg === '--get' || (a.arg.startsWith('-') && !a.arg.startsWith('--') && a.arg.includes('x')))) || UNZIP.has(c.name);
          if (!extracts) continue;
          const args = new Set(getArgsNoFlags(c).map(basename));
          for (const k of copied.filter((x) => args.has(x.name))) {
            ctx.report(rule, k.ins, `Use \`ADD\` for extracting archives into an image: \`${k.name}\` is copied here and extracted by the RUN on line ${ins.line}.`, `Replace the COPY and the extraction with \`ADD ${k.name} <dest>/\`, which extracts local archives.`);
          }
          for (let i = copied.length - 1; i >= 0; i--) if (args.has(copied[i].name)) copied.splice(i, 1);
        }
      }
    }
  }
});

export const shellRules: DlRule[] = [DL3001, DL3010, DL3003, DL3004, DL3046, DL3047, DL3059, DL4001, DL4005, DL4006];
