import { InputError } from '@mcp/core-response';
import type { DiffFile } from '../shared/diff';

/**
 * Rebuilds the pre-change file from its post-change content by reverse-applying the hunks:
 * each hunk's new-side lines are replaced by its old-side lines. Context lines are checked.
 */
export function reverseApply(file: DiffFile, after: string, path: string): string {
  const lines = after.split('\n');
  const out: string[] = [];
  let cursor = 1; // next new-file line to copy
  for (const h of file.hunks) {
    const start = h.newLines === 0 ? h.newStart + 1 : h.newStart;
    for (; cursor < start && cursor <= lines.length; cursor++) out.push(lines[cursor - 1]);
    for (const l of h.lines) {
      if (l.kind === '+' || l.kind === ' ') {
        const actual = lines[(l.newLine ?? 0) - 1];
        if (actual === undefined || actual.replace(/\r$/, '') !== l.text.replace(/\r$/, '')) {
          throw new InputError(`files: ${path} does not match the diff at line ${l.newLine} (expected ${JSON.stringify(l.text.slice(0, 60))}); pass the post-change contents.`);
        }
      }
      if (l.kind === '-' || l.kind === ' ') out.push(l.text);
    }
    cursor = start + h.newLines;
  }
  for (; cursor <= lines.length; cursor++) out.push(lines[cursor - 1]);
  return out.join('\n');
}
