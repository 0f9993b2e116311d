import type { Finding } from '@mcp/core-response';
import type { Dockerfile } from '../shared/dockerfile/parse-dockerfile';

/**
 * hadolint's inline pragmas (Hadolint/Pragma.hs):
 * `# hadolint ignore=DL3008,DL3015` silences those rules on the next line,
 * `# hadolint stage ignore=...` until the next FROM, `# hadolint global ignore=...` everywhere.
 */
const PRAGMA = /^\s*hadolint\s+(?:(global|stage)\s+)?ignore\s*=\s*([DLSC0-9]+(?:\s*,\s*[DLSC0-9]+)*)\s*(?:#.*)?$/;

export function applyPragmas(df: Dockerfile, findings: Finding[]): Finding[] {
  const byLine = new Map<number, Set<string>>();
  const stage = new Map<number, Set<string>>();
  const global = new Set<string>();
  for (const c of df.comments) {
    const m = PRAGMA.exec(c.text);
    if (!m) continue;
    const codes = m[2].split(',').map((x) => x.trim());
    if (m[1] === 'global') codes.forEach((x) => global.add(x));
    else if (m[1] === 'stage') stage.set(c.line + 1, new Set(codes));
    else byLine.set(c.line + 1, new Set(codes));
  }
  if (byLine.size === 0 && stage.size === 0 && global.size === 0) return findings;
  for (const ins of df.instructions) if (ins.keyword === 'FROM' && !stage.has(ins.line)) stage.set(ins.line, new Set());
  const stageKeys = [...stage.keys()].sort((a, b) => a - b);
  const stageIgnores = (line: number) => {
    let found: Set<string> | undefined;
    for (const k of stageKeys) {
      if (k < line) found = stage.get(k);
      else break;
    }
    return found;
  };
  return findings.filter((f) => {
    const line = f.location?.line ?? 0;
    return !(global.has(f.ruleId) || byLine.get(line)?.has(f.ruleId) || stageIgnores(line)?.has(f.ruleId));
  });
}
