import { envPairs, argPairs, splitWords, type Instruction } from '../../shared/dockerfile/parse-dockerfile';
import { dl, dropQuotes, quoteList, type DlRule } from './rule';

/** Rules on single instructions (or per-stage sequences of them) that need no shell parsing. */

const ARCHIVE_EXT = ['.tar', '.Z', '.bz2', '.gz', '.lz', '.lzma', '.tZ', '.tb2', '.tbz', '.tbz2', '.tgz', '.tlz', '.tpz', '.txz', '.xz'];

export function isArchive(path: string): boolean {
  const p = dropQuotes(path);
  return ARCHIVE_EXT.some((e) => p.endsWith(e));
}

export function isUrl(path: string): boolean {
  const p = dropQuotes(path);
  return p.startsWith('https://') || p.startsWith('http://');
}

/** COPY/ADD sources and destination (exec or shell form; heredoc sources are `<<NAME`). */
export function copyParts(ins: Instruction): { sources: string[]; dest: string } {
  const words = ins.json ?? splitWords(ins.args);
  return { sources: words.slice(0, -1), dest: words[words.length - 1] ?? '' };
}

function isWindowsAbsolute(p: string): boolean {
  return /^[A-Za-z]:/.test(p);
}

export const DL3000 = dl('DL3000', 'error', 'Use absolute WORKDIR', (ctx, rule) => {
  for (const ins of ctx.df.instructions) {
    if (ins.keyword !== 'WORKDIR') continue;
    const loc = dropQuotes(ins.args.trim());
    if (!(loc.startsWith('$') || loc.startsWith('/') || isWindowsAbsolute(loc))) {
      ctx.report(rule, ins, `Use absolute WORKDIR: \`WORKDIR ${loc}\` is relative to the previous working directory.`, `Write the full path, e.g. \`WORKDIR /${loc.replace(/^\.\//, '')}\`.`);
    }
  }
});

function isRoot(user: string): boolean {
  return user.startsWith('root:') || user.startsWith('0:') || user === 'root' || user === '0';
}

/** DL3002: per stage, the last USER must not be root (a stage without USER is not flagged). */
export const DL3002 = dl('DL3002', 'warning', 'Last USER should not be root', (ctx, rule) => {
  for (const stage of ctx.df.stages) {
    const users = stage.instructions.filter((i) => i.keyword === 'USER');
    const last = users[users.length - 1];
    if (last && isRoot(last.args.trim())) {
      ctx.report(rule, last, `Last USER should not be root: stage \`${stage.alias ?? stage.imageText}\` ends with \`USER ${last.args.trim()}\`.`, 'Switch to an unprivileged user after the steps that need root (`USER app` or `USER 10001`).');
    }
  }
});

export const DL3011 = dl('DL3011', 'error', 'Valid UNIX ports range from 0 to 65535', (ctx, rule) => {
  for (const ins of ctx.df.instructions) {
    if (ins.keyword !== 'EXPOSE') continue;
    for (const word of splitWords(ins.args)) {
      const bad = word.replace(/\/\w+$/, '').split('-').filter((p) => /^\d+$/.test(p) && Number(p) > 65535);
      if (bad.length > 0) ctx.report(rule, ins, `Valid UNIX ports range from 0 to 65535: \`EXPOSE ${word}\`.`, 'Use a port number between 0 and 65535.');
    }
  }
});

function perStageDuplicates(keyword: string) {
  return (ctx: Parameters<DlRule['check']>[0], report: (ins: Instruction) => void) => {
    for (const stage of ctx.df.stages) {
      const found = stage.instructions.filter((i) => i.keyword === keyword);
      for (const dup of found.slice(1)) report(dup);
    }
  };
}

export const DL3012 = dl('DL3012', 'error', 'Multiple `HEALTHCHECK` instructions', (ctx, rule) => {
  perStageDuplicates('HEALTHCHECK')(ctx, (ins) => ctx.report(rule, ins, 'Multiple `HEALTHCHECK` instructions in one stage: only the last one takes effect.', 'Keep a single HEALTHCHECK per stage.'));
});

export const DL4003 = dl('DL4003', 'warning', 'Multiple `CMD` instructions found', (ctx, rule) => {
  perStageDuplicates('CMD')(ctx, (ins) => ctx.report(rule, ins, `Multiple \`CMD\` instructions found: \`CMD ${ins.args.trim()}\` overrides an earlier CMD of the same stage; only the last CMD takes effect.`, 'Keep one CMD per stage.'));
});

export const DL4004 = dl('DL4004', 'error', 'Multiple `ENTRYPOINT` instructions found', (ctx, rule) => {
  perStageDuplicates('ENTRYPOINT')(ctx, (ins) => ctx.report(rule, ins, `Multiple \`ENTRYPOINT\` instructions found: \`ENTRYPOINT ${ins.args.trim()}\` overrides an earlier ENTRYPOINT; only the last one takes effect.`, 'Keep one ENTRYPOINT per stage.'));
});

export const DL3020 = dl('DL3020', 'error', 'Use COPY instead of ADD for files and folders', (ctx, rule) => {
  for (const ins of ctx.df.instructions) {
    if (ins.keyword !== 'ADD') continue;
    const plain = copyParts(ins).sources.filter((s) => !(isArchive(s) || isUrl(s)));
    if (plain.length > 0) {
      ctx.report(rule, ins, `Use COPY instead of ADD for files and folders: ${quoteList(plain)} ${plain.length === 1 ? 'is' : 'are'} neither a URL nor an archive to extract.`, `Replace \`ADD\` with \`COPY\`.`);
    }
  }
});

export const DL3021 = dl('DL3021', 'error', 'COPY with more than 2 arguments requires the last argument to end with /', (ctx, rule) => {
  for (const ins of ctx.df.instructions) {
    if (ins.keyword !== 'COPY') continue;
    const { sources, dest } = copyParts(ins);
    if (sources.length > 1 && !dropQuotes(dest).endsWith('/')) {
      ctx.report(rule, ins, `COPY with more than 2 arguments requires the last argument to end with /: \`${dest}\`.`, `Write the destination as \`${dropQuotes(dest)}/\`.`);
    }
  }
});

function shellFormHealthcheck(ins: Instruction): boolean {
  const m = /^CMD\s+(.*)$/is.exec(ins.args.trim());
  if (!m) return false;
  try {
    const v: unknown = JSON.parse(m[1]);
    return !Array.isArray(v);
  } catch {
    return true;
  }
}

export const DL3025 = dl('DL3025', 'warning', 'Use arguments JSON notation for CMD and ENTRYPOINT arguments', (ctx, rule) => {
  for (const ins of ctx.df.instructions) {
    const shellForm = ((ins.keyword === 'CMD' || ins.keyword === 'ENTRYPOINT') && ins.json === null) || (ins.keyword === 'HEALTHCHECK' && shellFormHealthcheck(ins));
    if (!shellForm) continue;
    const text = ins.args.trim().replace(/^CMD\s+/i, '');
    const words = splitWords(text).map((w) => JSON.stringify(dropQuotes(w)));
    ctx.report(
      rule,
      ins,
      `Use arguments JSON notation for CMD and ENTRYPOINT arguments: \`${ins.keyword} ${ins.args.trim()}\` runs under \`/bin/sh -c\`, which does not pass signals to the process.`,
      `Write \`${ins.keyword === 'HEALTHCHECK' ? 'HEALTHCHECK CMD' : ins.keyword} [${words.join(', ')}]\`.`,
    );
  }
});

export const DL3043 = dl('DL3043', 'error', '`ONBUILD`, `FROM` or `MAINTAINER` triggered from within `ONBUILD` instruction', (ctx, rule) => {
  for (const ins of ctx.df.instructions) {
    const t = ins.trigger?.keyword;
    if (t === 'ONBUILD' || t === 'FROM' || t === 'MAINTAINER') {
      ctx.report(rule, ins, `\`${t}\` triggered from within \`ONBUILD\` instruction: BuildKit refuses \`ONBUILD ${t}\`.`, `Remove the \`ONBUILD ${t}\` line.`);
    }
  }
});

export const DL3044 = dl('DL3044', 'error', 'Do not refer to an environment variable within the same `ENV` statement where it is defined', (ctx, rule) => {
  const known = new Set<string>();
  for (const ins of ctx.df.instructions) {
    if (ins.keyword === 'ARG') for (const [name] of argPairs(ins.args)) known.add(name);
    if (ins.keyword !== 'ENV') continue;
    const pairs = envPairs(ins.args);
    const refs = pairs
      .filter(([name], idx) => !known.has(name) && pairs.some(([, value], j) => j !== idx && referencesVar(name, value)))
      .map(([name]) => name);
    for (const [name] of pairs) known.add(name);
    if (refs.length > 0) {
      ctx.report(rule, ins, `Do not refer to an environment variable within the same \`ENV\` statement where it is defined: ${quoteList(refs)} is not set yet when this ENV is evaluated.`, 'Split the ENV into two instructions: define the variable first, use it in the next.');
    }
  }
});

function referencesVar(name: string, value: string): boolean {
  if (value.includes('${' + name + '}')) return true;
  const needle = '$' + name;
  for (let i = value.indexOf(needle); i !== -1; i = value.indexOf(needle, i + 1)) {
    if (!/[A-Za-z0-9_]/.test(value[i + needle.length] ?? '')) return true;
  }
  return false;
}

/** DL3045: COPY to a relative destination in a stage (or its ancestors) without WORKDIR. */
export const DL3045 = dl('DL3045', 'warning', '`COPY` to a relative destination without `WORKDIR` set', (ctx, rule) => {
  const workdirSet: boolean[] = [];
  for (const stage of ctx.df.stages) {
    let set = stage.parent !== null ? workdirSet[stage.parent] : false;
    for (const ins of stage.instructions) {
      if (ins.keyword === 'WORKDIR') set = true;
      if (ins.keyword !== 'COPY' || set) continue;
      const dest = dropQuotes(copyParts(ins).dest);
      if (dest.startsWith('/') || isWindowsAbsolute(dest) || dest.startsWith('$')) continue;
      ctx.report(rule, ins, `\`COPY\` to a relative destination without \`WORKDIR\` set: \`${dest}\` resolves against the base image's working directory.`, `Set \`WORKDIR /app\` before the COPY, or copy to an absolute path.`);
    }
    workdirSet[stage.index] = set;
  }
});

export const DL3048 = dl('DL3048', 'info', 'Invalid label key', (ctx, rule) => {
  for (const ins of ctx.df.instructions) {
    if (ins.keyword !== 'LABEL') continue;
    for (const [key] of envPairs(ins.args)) {
      const bad =
        !/^[a-z]/.test(key) ||
        !/[a-z0-9]$/.test(key) ||
        /[^0-9a-z._/-]/.test(key) ||
        /^(com\.docker\.|io\.docker\.|org\.dockerproject\.)/.test(key) ||
        key.includes('..') ||
        key.includes('--');
      if (bad) ctx.report(rule, ins, `Invalid label key: \`${key}\` (keys are lower-case reverse-DNS names without reserved Docker namespaces).`, 'Use a key such as `org.opencontainers.image.title`.');
    }
  }
});

export const DL3061 = dl('DL3061', 'error', 'Invalid instruction order. Dockerfile must begin with `FROM`, `ARG` or comment', (ctx, rule) => {
  for (const ins of ctx.df.instructions) {
    if (ins.keyword === 'FROM') return;
    if (ins.keyword !== 'ARG') {
      ctx.report(rule, ins, `Invalid instruction order: \`${ins.keyword}\` comes before the first FROM. A Dockerfile must begin with \`FROM\`, \`ARG\` or comment.`, 'Move the instruction after FROM.');
    }
  }
});

export const DL3065 = dl('DL3065', 'warning', 'Setting `FROM --platform` to predefined `$TARGETPLATFORM` is redundant', (ctx, rule) => {
  for (const stage of ctx.df.stages) {
    if (stage.platform === '$TARGETPLATFORM' || stage.platform === '${TARGETPLATFORM}') {
      ctx.report(rule, stage.from, `Setting \`FROM --platform\` to predefined \`${stage.platform}\` is redundant as this is the default behavior.`, 'Drop the `--platform` flag.');
    }
  }
});

export const DL3066 = dl('DL3066', 'info', 'Non-numeric user-id may not be resolvable by host system', (ctx, rule) => {
  const args = new Set<string>();
  for (const ins of ctx.df.instructions) {
    if (ins.keyword === 'ARG') for (const [name] of argPairs(ins.args)) args.add(name);
    if (ins.keyword !== 'USER') continue;
    const uid = ins.args.trim().split(':')[0];
    if (/^\d*$/.test(uid) || [...args].some((a) => uid.includes('${' + a + '}') || uid.includes('$' + a))) continue;
    ctx.report(rule, ins, `Non-numeric user-id may not be resolvable by host system: \`USER ${ins.args.trim()}\`.`, 'Use a numeric UID (e.g. `USER 10001`), which Kubernetes `runAsNonRoot` can verify.');
  }
});

export const DL3067 = dl('DL3067', 'warning', 'Do not copy an entire filesystem from another stage', (ctx, rule) => {
  for (const ins of ctx.df.instructions) {
    if (ins.keyword !== 'COPY' || !ins.flags.some((f) => f.name === 'from')) continue;
    const { sources, dest } = copyParts(ins);
    if (sources.some((s) => dropQuotes(s) === '/') && dropQuotes(dest) === '/') {
      ctx.report(rule, ins, 'Do not copy an entire filesystem from another stage: `COPY --from=... / /`.', 'Copy only the files the final image needs.');
    }
  }
});

export const DL4000 = dl('DL4000', 'error', 'MAINTAINER is deprecated', (ctx, rule) => {
  for (const ins of ctx.df.instructions) {
    if (ins.keyword !== 'MAINTAINER') continue;
    const who = ins.args.trim();
    ctx.report(rule, ins, `MAINTAINER is deprecated: \`MAINTAINER ${who}\`.`, `Use \`LABEL org.opencontainers.image.authors=${JSON.stringify(who)}\`.`);
  }
});

const SENSITIVE_NAMES = new Set([
  'ACCESS_TOKEN', 'APPLICATION_KEY', 'APP_SECRET', 'AUTH_TOKEN', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'BITTREX_API_KEY',
  'BITTREX_API_SECRET', 'CF_PASSWORD', 'CF_USERNAME', 'CIRCLE_TOKEN', 'CI_DEPLOY_PASSWORD', 'CI_DEPLOY_USER', 'DOCKERHUB_PASSWORD',
  'DOCKER_EMAIL', 'DOCKER_PASSWORD', 'DOCKER_USERNAME', 'FACEBOOK_ACCESS_TOKEN', 'FACEBOOK_APP_ID', 'FACEBOOK_APP_SECRET',
  'FIREBASE_API_TOKEN', 'FIREBASE_TOKEN', 'FOSSA_API_KEY', 'GH_ENTERPRISE_TOKEN', 'GH_TOKEN', 'GITHUB_ENTERPRISE_TOKEN', 'GITHUB_TOKEN',
  'HEROKU_API_KEY', 'HEROKU_API_USER', 'NPM_AUTH_TOKEN', 'NPM_TOKEN', 'OKTA_AUTHN_GROUPID', 'OKTA_CLIENT_ORGURL', 'OKTA_CLIENT_TOKEN',
  'OKTA_OAUTH2_CLIENTID', 'OKTA_OAUTH2_CLIENTSECRET', 'OPENAI_API_KEY', 'OS_PASSWORD', 'OS_USERNAME', 'POSTGRES_PASSWORD', 'SLACK_TOKEN',
  'STRIPE_API_KEY', 'STRIPE_DEVICE_NAME', 'TRAVIS_OS_NAME', 'TRAVIS_SECURE_ENV_VARS', 'TRAVIS_SUDO', 'VAULT_CLIENT_KEY', 'VAULT_TOKEN',
]);
const SUSPICIOUS = ['api_key', 'client_key', 'password', 'private', 'secret', 'token', 'username'];

/** hadolint's list of known secret names plus its suspicious substrings. */
export function isSensitiveName(name: string): boolean {
  return SENSITIVE_NAMES.has(name.toUpperCase()) || SUSPICIOUS.some((s) => name.toLowerCase().includes(s));
}

export const DL3064 = dl('DL3064', 'warning', 'Potentially sensitive data should not be used in the `ARG` or `ENV` commands', (ctx, rule) => {
  for (const ins of ctx.df.instructions) {
    const target = ins.keyword === 'ONBUILD' && ins.trigger ? ins.trigger : ins;
    const names = target.keyword === 'ARG' ? argPairs(target.args).map(([n]) => n) : target.keyword === 'ENV' ? envPairs(target.args).map(([n]) => n) : [];
    const bad = names.filter(isSensitiveName);
    if (bad.length > 0) {
      ctx.report(rule, ins, `Potentially sensitive data should not be used in the \`${target.keyword}\` commands: ${quoteList(bad)} ${bad.length === 1 ? 'ends' : 'end'} up in the image history.`, 'Pass the value at build time with `RUN --mount=type=secret,id=...` instead.');
    }
  }
});

export const instructionRules: DlRule[] = [
  DL3000, DL3002, DL3011, DL3012, DL3020, DL3021, DL3025, DL3043, DL3044, DL3045, DL3048, DL3061,
  DL3064, DL3065, DL3066, DL3067, DL4000, DL4003, DL4004,
];
