/**
 * The parts of a commit message as conventional-commits-parser (with the
 * conventional-changelog-conventionalcommits preset that config-conventional uses) splits them.
 */
export interface ParsedCommit {
  raw: string;
  header: string;
  type: string | null;
  scope: string | null;
  subject: string | null;
  /** Body text and the 1-based line it starts on. */
  body: string | null;
  bodyLine: number;
  footer: string | null;
  footerLine: number;
  lines: string[];
}

const HEADER = /^(\w*)(?:\((.*)\))?!?: (.*)$/;
const NOTE = /^(?:\*\s+)?(BREAKING CHANGE|BREAKING-CHANGE):\s*(.*)/i;
// Git trailer convention: `Token: value` or `Token #123` at the start of a line starts the footer.
const FOOTER_TOKEN = /^(?:BREAKING CHANGE|[\w-]+)(?::\s+|\s+#).+/i;

export function parseCommit(raw: string): ParsedCommit {
  const lines = raw.split(/\r?\n/);
  // The parser skips leading blank lines before the header.
  let i = 0;
  while (i < lines.length && lines[i].trim() === '') i++;
  const header = lines[i] ?? '';
  const m = HEADER.exec(header);
  const bodyLines: Array<[number, string]> = [];
  const footerLines: Array<[number, string]> = [];
  let inFooter = false;
  for (let j = i + 1; j < lines.length; j++) {
    const line = lines[j];
    if (!inFooter && (NOTE.test(line) || FOOTER_TOKEN.test(line))) inFooter = true;
    (inFooter ? footerLines : bodyLines).push([j + 1, line]);
  }
  const trimmed = (entries: Array<[number, string]>) => {
    let a = 0;
    let b = entries.length;
    while (a < b && entries[a][1].trim() === '') a++;
    while (b > a && entries[b - 1][1].trim() === '') b--;
    return entries.slice(a, b);
  };
  const body = trimmed(bodyLines);
  const footer = trimmed(footerLines);
  return {
    raw,
    header,
    type: m ? m[1] || null : null,
    scope: m ? (m[2] ?? null) : null,
    subject: m ? m[3] || null : null,
    body: body.length ? body.map((e) => e[1]).join('\n') : null,
    bodyLine: body[0]?.[0] ?? 0,
    footer: footer.length ? footer.map((e) => e[1]).join('\n') : null,
    footerLine: footer[0]?.[0] ?? 0,
    lines,
  };
}

/** commitlint's default ignores: merges, reverts, fixup!/squash!, version bumps, automatic merges. */
const IGNORED = [
  /^((Merge pull request)|(Merge (.*?) into (.*?)|(Merge branch (.*?)))(?:\r?\n)*$)/m,
  /^(Merge tag (.*?))(?:\r?\n)*$/m,
  /^(R|r)evert (.*)/,
  /^(R|r)eapply (.*)/,
  /^(amend|fixup|squash)!/,
  /^(Merged (.*?)(in|into) (.*)|Merged PR (.*): (.*))/,
  /^Merge remote-tracking branch(\s*)(.*)/,
  /^Automatic merge(.*)/,
  /^Auto-merged (.*?) into (.*)/,
];
// semver.valid() on the first line after dropping a `chore:` prefix and [skip ci] markers.
const SEMVER = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

export function isIgnored(raw: string): boolean {
  if (IGNORED.some((r) => r.test(raw))) return true;
  const first = (raw.split('\n')[0] ?? '')
    .replace(/^chore(\([^)]+\))?:/, '')
    .replace(/\[(skip|ci)(-|\s)(ci|skip)\]/i, '')
    .replace(/\((skip|ci)(-|\s)(ci|skip)\)/i, '')
    .trim();
  return SEMVER.test(first.replace(/^=/, ''));
}
