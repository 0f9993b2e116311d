import { ParseError } from '@mcp/core-response';

export interface Change {
  path: string;
  added: number;
  deleted: number;
}
export interface Commit {
  hash: string;
  author: string;
  date: string;
  changes: Change[];
}

const NUMSTAT = /^(\d+|-)\t(\d+|-)\t(.+)$/;
const CODE_MAAT = /^--([0-9a-f]+)--(.*?)--(.*)$/;

/** `src/{old => new}/a.ts`, `{a => b}.ts`, `old/a.ts => new/a.ts`: the new path. */
export function renamedPath(path: string): string {
  const brace = /^(.*)\{(.*) => (.*)\}(.*)$/.exec(path);
  if (brace) return `${brace[1]}${brace[3]}${brace[4]}`.replace(/\/\/+/g, '/').replace(/^\//, '');
  const arrow = /^(.*) => (.*)$/.exec(path);
  return arrow ? arrow[2] : path;
}

/**
 * Reads `git log --numstat` in git's default format (commit/Author/Date headers, indented
 * message) or code-maat's `--pretty=format:'--%h--%ad--%aN'`. Anything else is a parse error.
 */
export function parseGitLog(text: string): Commit[] {
  const lines = text.split(/\r?\n/);
  const commits: Commit[] = [];
  let cur: Commit | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') continue;
    let m: RegExpExecArray | null;
    if ((m = /^commit ([0-9a-f]{7,64})\b/.exec(line))) {
      cur = { hash: m[1], author: '', date: '', changes: [] };
      commits.push(cur);
      continue;
    }
    if ((m = CODE_MAAT.exec(line))) {
      cur = { hash: m[1], date: m[2], author: m[3], changes: [] };
      commits.push(cur);
      continue;
    }
    if (!cur) throw new ParseError(`expected a "commit <hash>" header or a code-maat "--hash--date--author" line, found ${JSON.stringify(line.slice(0, 60))}; pass the output of git log --numstat`, i + 1, 1);
    if (line.startsWith('    ') || line.startsWith('\t') && !NUMSTAT.test(line)) continue; // commit message
    if ((m = /^Author:\s*(.*?)(?:\s*<[^>]*>)?\s*$/.exec(line))) {
      cur.author = m[1];
      continue;
    }
    if ((m = /^(?:Date|AuthorDate):\s*(.*)$/.exec(line))) {
      cur.date = m[1].trim();
      continue;
    }
    if (/^(Merge|Commit|CommitDate|Reflog|Notes)\b.*:/.test(line) || /^Notes/.test(line)) continue;
    if ((m = NUMSTAT.exec(line))) {
      // Binary files show "-\t-": a revision of 0 lines.
      cur.changes.push({ path: renamedPath(m[3]), added: m[1] === '-' ? 0 : Number(m[1]), deleted: m[2] === '-' ? 0 : Number(m[2]) });
      continue;
    }
    throw new ParseError(`unexpected line in git log --numstat output: ${JSON.stringify(line.slice(0, 60))}`, i + 1, 1);
  }
  return commits;
}
