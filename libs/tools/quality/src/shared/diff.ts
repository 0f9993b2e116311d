import { ParseError } from '@mcp/core-response';

export interface DiffLine {
  kind: '+' | '-' | ' ';
  text: string;
  /** 1-based line in the old file (context and removed lines). */
  oldLine?: number;
  /** 1-based line in the new file (context and added lines). */
  newLine?: number;
}
export interface DiffHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** The text after the second @@ (git puts the enclosing function there). */
  section: string;
  /** 1-based line of the @@ header in the diff text. */
  diffLine: number;
  lines: DiffLine[];
}
export interface DiffFile {
  oldPath: string | null;
  newPath: string | null;
  status: 'added' | 'deleted' | 'modified' | 'renamed' | 'copied';
  binary: boolean;
  hunks: DiffHunk[];
}

/** True when the text looks like a unified diff (git diff, diff -u). */
export function looksLikeDiff(text: string): boolean {
  return /^diff --git /m.test(text) || (/^--- \S/m.test(text) && /^\+\+\+ \S/m.test(text) && /^@@ -\d/m.test(text));
}

const unquote = (p: string) => (p.startsWith('"') && p.endsWith('"') ? JSON.parse(p) as string : p);
const stripPrefix = (p: string) => {
  const path = unquote(p.trim().split('\t')[0]);
  if (path === '/dev/null') return null;
  return /^[abciwo]\//.test(path) ? path.slice(2) : path;
};

/** Parses `git diff` / `diff -u` output; hunks are checked against their line counts. */
export function parseUnifiedDiff(text: string): DiffFile[] {
  const lines = text.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  const files: DiffFile[] = [];
  let file: DiffFile | undefined;
  let hunk: DiffHunk | undefined;
  let oldLeft = 0;
  let newLeft = 0;
  let oldNo = 0;
  let newNo = 0;
  let awaitingNames = false;
  const startFile = (): DiffFile => {
    const f: DiffFile = { oldPath: null, newPath: null, status: 'modified', binary: false, hunks: [] };
    files.push(f);
    hunk = undefined;
    return f;
  };
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].replace(/\r$/, '');
    if (hunk && (oldLeft > 0 || newLeft > 0)) {
      const tag = raw[0];
      if (tag === '+' || tag === '-' || tag === ' ' || raw === '') {
        const text = raw.slice(1);
        if (tag === '+') {
          hunk.lines.push({ kind: '+', text, newLine: newNo++ });
          newLeft--;
        } else if (tag === '-') {
          hunk.lines.push({ kind: '-', text, oldLine: oldNo++ });
          oldLeft--;
        } else {
          hunk.lines.push({ kind: ' ', text, oldLine: oldNo++, newLine: newNo++ });
          oldLeft--;
          newLeft--;
        }
        continue;
      }
      if (raw.startsWith('\\')) continue; // "\ No newline at end of file"
      throw new ParseError(`hunk ended early: expected ${oldLeft} more old and ${newLeft} more new lines`, i + 1, 1);
    }
    if (raw.startsWith('\\')) continue;
    if (raw.startsWith('diff --git ')) {
      file = startFile();
      awaitingNames = true;
      const m = /^diff --git (\S+|"[^"]+") (\S+|"[^"]+")$/.exec(raw);
      if (m) {
        file.oldPath = stripPrefix(m[1]);
        file.newPath = stripPrefix(m[2]);
      }
      continue;
    }
    if (raw.startsWith('--- ') && lines[i + 1]?.startsWith('+++ ')) {
      // After `diff --git` the ---/+++ pair belongs to that file; otherwise (diff -u) it starts one.
      if (!file || !awaitingNames) file = startFile();
      awaitingNames = false;
      const oldP = stripPrefix(raw.slice(4));
      const newP = stripPrefix(lines[i + 1].slice(4));
      file.oldPath = oldP;
      file.newPath = newP;
      if (oldP === null) file.status = 'added';
      else if (newP === null) file.status = 'deleted';
      i++;
      continue;
    }
    if (!file) {
      if (raw.startsWith('@@')) throw new ParseError('hunk header before any file header (--- / +++)', i + 1, 1);
      continue; // commit message or preamble before the first file
    }
    if (raw.startsWith('new file mode')) file.status = 'added';
    else if (raw.startsWith('deleted file mode')) file.status = 'deleted';
    else if (raw.startsWith('rename from ')) {
      file.status = 'renamed';
      file.oldPath = raw.slice(12);
    } else if (raw.startsWith('rename to ')) file.newPath = raw.slice(10);
    else if (raw.startsWith('copy from ')) {
      file.status = 'copied';
      file.oldPath = raw.slice(10);
    } else if (raw.startsWith('copy to ')) file.newPath = raw.slice(8);
    else if (raw.startsWith('Binary files ') || raw === 'GIT binary patch') file.binary = true;
    else if (raw.startsWith('@@')) {
      awaitingNames = false;
      const m = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$/.exec(raw);
      if (!m) throw new ParseError(`malformed hunk header ${JSON.stringify(raw)}`, i + 1, 1);
      hunk = {
        oldStart: Number(m[1]),
        oldLines: m[2] === undefined ? 1 : Number(m[2]),
        newStart: Number(m[3]),
        newLines: m[4] === undefined ? 1 : Number(m[4]),
        section: m[5] ?? '',
        diffLine: i + 1,
        lines: [],
      };
      oldLeft = hunk.oldLines;
      newLeft = hunk.newLines;
      oldNo = hunk.oldStart;
      newNo = hunk.newStart;
      file.hunks.push(hunk);
    }
  }
  if (hunk && (oldLeft > 0 || newLeft > 0)) {
    throw new ParseError(`diff ended inside a hunk: expected ${oldLeft} more old and ${newLeft} more new lines`, lines.length, 1);
  }
  for (const f of files) {
    if (f.status === 'modified' && f.oldPath && f.newPath && f.oldPath !== f.newPath) f.status = 'renamed';
  }
  return files;
}

/** The path a file is reported under: the new path, or the old one for a deletion. */
export function reportPath(f: DiffFile): string {
  return f.newPath ?? f.oldPath ?? '';
}
