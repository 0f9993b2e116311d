import type { Finding, Severity } from '@mcp/core-response';
import type { RuleDoc } from '@mcp/core-protocol';
import { argPairs, envPairs, shellOf, splitWords, unquote, type Dockerfile, type Instruction, type Stage } from '../shared/dockerfile/parse-dockerfile';
import { shellBasename, type Command } from '../shared/dockerfile/shell';

/** A rule with Trivy's severity word kept beside the mapped severity (TOOLS.md "Findings"). */
interface AuditRule extends RuleDoc {
  level?: 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW';
}

const avd = (id: string) => `https://avd.aquasec.com/misconfig/${id.toLowerCase()}`;

export const RULES: Record<string, AuditRule> = {
  DS002: { id: 'DS002', severity: 'error', level: 'HIGH', summary: 'Image user should not be root: the final stage has no USER or its last USER is root', docs: avd('DS002') },
  DS010: { id: 'DS010', severity: 'error', level: 'CRITICAL', summary: "RUN using 'sudo'", docs: avd('DS010') },
  DS026: { id: 'DS026', severity: 'info', level: 'LOW', summary: 'No HEALTHCHECK defined', docs: avd('DS026') },
  DS031: { id: 'DS031', severity: 'error', level: 'CRITICAL', summary: 'Secrets passed via build-args or ENV persist in the image', docs: avd('DS031') },
  'curl-pipe-shell': { id: 'curl-pipe-shell', severity: 'error', summary: 'A download piped into a shell or interpreter runs unverified code' },
  'add-from-url': { id: 'add-from-url', severity: 'warning', summary: 'ADD of a remote URL: no checksum, no cache control' },
  'unpinned-base-image': { id: 'unpinned-base-image', severity: 'warning', summary: 'Base image not pinned by digest (@sha256:...)' },
  'privileged-label': { id: 'privileged-label', severity: 'warning', summary: 'A label asks for --privileged, --cap-add or host namespaces at run time' },
};

export type Report = (rule: AuditRule, at: Instruction, message: string, fix: string, extra?: Record<string, unknown>) => void;

export function makeFinding(rule: AuditRule, at: Instruction, message: string, fix: string, extra: Record<string, unknown> = {}): Finding {
  return {
    ruleId: rule.id,
    severity: rule.severity as Severity,
    message,
    location: { line: at.line, column: at.column },
    fix,
    ...(rule.docs ? { docs: rule.docs } : {}),
    ...(rule.level ? { level: rule.level } : {}),
    ...extra,
  };
}

function isRootUser(user: string): boolean {
  const name = unquote(user.trim()).split(':')[0];
  return name === 'root' || name === '0';
}

/** The USER in effect at the end of a stage, following `FROM <earlier stage>` chains. */
function lastUser(df: Dockerfile, stage: Stage): Instruction | null {
  for (let s: Stage | null = stage; s; s = s.parent !== null ? df.stages[s.parent] : null) {
    const users = s.instructions.filter((i) => i.keyword === 'USER');
    if (users.length > 0) return users[users.length - 1];
  }
  return null;
}

export function checkRootUser(df: Dockerfile, report: Report): void {
  const final = df.stages[df.stages.length - 1];
  if (!final || final.image.name === 'scratch') return;
  const user = lastUser(df, final);
  if (!user) {
    report(RULES.DS002, final.from, `The final stage (\`FROM ${final.imageText}\`) has no USER, so the container runs as root.`, 'Add `USER <non-root uid>` (e.g. `USER 10001`) after the steps that need root.');
  } else if (isRootUser(user.args)) {
    report(RULES.DS002, user, `The last USER of the final stage is \`${user.args.trim()}\`: the container runs as root.`, 'Switch to an unprivileged user at the end: `USER 10001`.');
  }
}

const SECRET_WORDS = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?|AUTH_?KEY|CLIENT_?KEY)/i;
const NOT_SECRET = /(_PATH|_FILE|_DIR|_URL|_NAME|_ID|PUBLIC_?KEY|_PUB|_ENABLED|_LENGTH|_TTL|_EXPIRY|_HEADER)$/i;

/** A name that looks like it holds a secret value, excluding paths, file names and public keys. */
export function looksSecret(name: string): boolean {
  return SECRET_WORDS.test(name) && !NOT_SECRET.test(name);
}

export function checkSecrets(df: Dockerfile, report: Report): void {
  for (const ins of df.instructions) {
    if (ins.keyword !== 'ENV' && ins.keyword !== 'ARG') continue;
    const pairs: [string, string | null][] = ins.keyword === 'ENV' ? envPairs(ins.args) : argPairs(ins.args);
    for (const [name, value] of pairs) {
      if (!looksSecret(name)) continue;
      const how = value ? 'its value is stored in the image config and history' : 'a build-arg value is recorded in the image history';
      report(RULES.DS031, ins, `Secret \`${name}\` passed via \`${ins.keyword}\`: ${how}.`, `Use \`RUN --mount=type=secret,id=${name.toLowerCase()},env=${name} ...\` and \`docker build --secret id=${name.toLowerCase()},env=${name}\`.`, { variable: name });
    }
  }
}

function commandText(c: Command): string {
  return [c.name, ...c.args.map((a) => a.arg)].join(' ');
}

const DOWNLOADERS = new Set(['curl', 'wget', 'fetch']);
const INTERPRETERS = new Set(['sh', 'bash', 'zsh', 'ash', 'dash', 'ksh', 'python', 'python3', 'python2', 'perl', 'ruby', 'node', 'php']);

function isInterpreter(name: string): boolean {
  const base = shellBasename(name);
  return INTERPRETERS.has(base) || /^python3\.\d+$/.test(base);
}

export function checkRuns(df: Dockerfile, report: Report): void {
  for (const ins of df.instructions) {
    const run = ins.keyword === 'RUN' ? ins : ins.trigger?.keyword === 'RUN' ? ins.trigger : null;
    if (!run) continue;
    const shell = shellOf(run);
    const sudo = shell.commands.find((c) => c.name === 'sudo');
    if (sudo) {
      report(RULES.DS010, ins, `RUN uses sudo: \`${commandText(sudo)}\`. Build steps already run as the current USER; sudo hides privilege changes.`, 'Use `USER root` for the steps that need it, then switch back; drop sudo from the image.');
    }
    const reported = new Set<number>();
    for (const c of shell.commands) {
      if (!isInterpreter(c.name) || reported.has(c.pipeline)) continue;
      // `curl ... | sh`: a downloader earlier in the same pipeline.
      const source = shell.commands.find((d) => d.pipeline === c.pipeline && DOWNLOADERS.has(d.name) && d !== c);
      // `sh -c "$(curl ...)"`: a download substituted into the interpreter's arguments.
      const substituted = c.args.find((a) => /\$\{(curl|wget)\s/.test(a.arg));
      if (!source && !substituted) continue;
      reported.add(c.pipeline);
      const what = source ? `\`${commandText(source)} | ${c.name}\`` : `\`${c.name} ... $(${(substituted?.arg ?? '').slice(2, -1)})\``;
      report(RULES['curl-pipe-shell'], ins, `A download is executed without verification: ${what}.`, 'Download to a file, verify its checksum or signature (`sha256sum -c`), then run it.', { command: c.name });
    }
  }
}

export function checkAddFromUrl(df: Dockerfile, report: Report): void {
  for (const ins of df.instructions) {
    if (ins.keyword !== 'ADD') continue;
    const words = ins.json ?? splitWords(ins.args);
    const urls = words.slice(0, -1).map(unquote).filter((w) => /^(https?|ftp):\/\//i.test(w) || w.startsWith('git@'));
    const checksum = ins.flags.some((f) => f.name === 'checksum');
    for (const url of urls) {
      if (checksum) continue;
      report(RULES['add-from-url'], ins, `ADD fetches \`${url}\` from the network at build time without a checksum.`, 'Use `ADD --checksum=sha256:<digest> <url> <dest>`, or `RUN curl -fsSLo <file> <url> && echo "<sha256>  <file>" | sha256sum -c -`.', { url });
    }
  }
}

export function checkBaseImages(df: Dockerfile, report: Report): void {
  const aliases = new Set<string>();
  for (const stage of df.stages) {
    const { image } = stage;
    const internal = aliases.has(image.text.toLowerCase()) || image.name === 'scratch';
    if (!internal && !image.digest) {
      const ref = stage.resolved ? image.text : stage.imageText;
      report(RULES['unpinned-base-image'], stage.from, `Base image \`${ref}\` is not pinned by digest: the tag can be moved to different content.`, `Pin it: \`FROM ${ref}@sha256:<digest>\` (get the digest with \`docker buildx imagetools inspect ${ref}\`).`, { image: ref });
    }
    if (stage.alias) aliases.add(stage.alias);
  }
}

const PRIVILEGED = /(--privileged\b|--cap-add(?:=|\s+)\S+|--(?:net|network|pid|ipc|uts|userns)(?:=|\s+)host\b|--security-opt(?:=|\s+)\S*(?:unconfined|seccomp=unconfined)|-v\s+\/var\/run\/docker\.sock|--device(?:=|\s+)\S+)/;

export function checkLabels(df: Dockerfile, report: Report): void {
  for (const ins of df.instructions) {
    if (ins.keyword !== 'LABEL') continue;
    for (const [key, value] of envPairs(ins.args)) {
      const m = PRIVILEGED.exec(value);
      if (m) {
        report(RULES['privileged-label'], ins, `Label \`${key}\` asks for \`${m[1]}\` when the image is run (\`${value}\`).`, 'Do not ship run instructions that grant privileges; document the minimal capabilities instead.', { label: key });
      }
    }
  }
}

export function checkHealthcheck(df: Dockerfile, report: Report): void {
  const final = df.stages[df.stages.length - 1];
  if (!final) return;
  for (let s: Stage | null = final; s; s = s.parent !== null ? df.stages[s.parent] : null) {
    if (s.instructions.some((i) => i.keyword === 'HEALTHCHECK')) return;
  }
  report(RULES.DS026, final.from, `No HEALTHCHECK in the final stage (\`FROM ${final.imageText}\`): the runtime cannot tell a hung container from a healthy one.`, 'Add `HEALTHCHECK CMD ["<binary>", "healthcheck"]` (or an HTTP probe with curl/wget if the image has one).');
}
