import { z } from 'zod';
import { analyzerOptions, defineTool, fileSchema, type RuleDoc } from '@mcp/core-protocol';
import { InputError, LineIndex, table, type Finding } from '@mcp/core-response';
import { looksLikeDiff, parseUnifiedDiff, reportPath } from '../shared/diff';
import { isAllowedPath, scanSecrets, SECRET_RULES } from '../shared/secrets/scanner';

const DOCS = 'https://github.com/gitleaks/gitleaks/blob/master/config/gitleaks.toml';
export const secretRuleDocs: RuleDoc[] = SECRET_RULES.map((r) => ({ id: r.id, severity: 'error', summary: r.description, docs: DOCS }));

/** A text to scan, with a map from its lines to the lines the user knows (diffs scan added lines only). */
export interface ScanUnit {
  path?: string;
  text: string;
  lineOf?: (line: number) => number;
}

/** Units of a unified diff: per file, its added lines joined, mapped back to new-file lines. */
export function diffUnits(diff: string): ScanUnit[] {
  return parseUnifiedDiff(diff)
    .filter((f) => !f.binary && f.newPath !== null)
    .map((f) => {
      const added = f.hunks.flatMap((h) => h.lines.filter((l) => l.kind === '+'));
      return { path: reportPath(f), text: added.map((l) => l.text).join('\n'), lineOf: (n: number) => added[n - 1]?.newLine ?? n };
    });
}

/** Scans units and turns hits into findings: redacted match, entropy, never the secret. */
export function secretFindings(units: ScanUnit[]): Finding[] {
  const findings: Finding[] = [];
  for (const unit of units) {
    if (unit.path !== undefined && isAllowedPath(unit.path)) continue;
    const index = new LineIndex(unit.text);
    for (const hit of scanSecrets(unit.text, unit.path)) {
      const pos = index.position(hit.start);
      const line = unit.lineOf ? unit.lineOf(pos.line) : pos.line;
      const endPos = index.position(hit.end - 1);
      const endLine = unit.lineOf ? unit.lineOf(endPos.line) : endPos.line;
      const shown = hit.redacted.length > 120 ? `${hit.redacted.slice(0, 117)}...` : hit.redacted;
      findings.push({
        ruleId: hit.ruleId,
        severity: 'error',
        message: `${hit.description.replace(/\.$/, '')}: ${JSON.stringify(shown)}${unit.path ? ` in ${unit.path}` : ''}.`,
        location: { ...(unit.path !== undefined ? { path: unit.path } : {}), line, column: pos.column, ...(endLine !== line ? { endLine } : {}) },
        fix: 'Revoke and rotate this credential, remove it from the file (and from git history), and load it from the environment or a secret manager instead.',
        docs: DOCS,
        match: hit.redacted,
        entropy: hit.entropy,
      });
    }
  }
  return findings;
}

export const scanSecretsTool = defineTool({
  name: 'quality_scan_secrets',
  title: 'Secret scan',
  description:
    "Finds committed credentials with gitleaks' rules (AWS keys, GitHub/GitLab tokens, Slack, Stripe, private keys, JWTs, generic high-entropy assignments, ...) in a text, several files, or the added lines of a unified diff. Matches are redacted; the secret itself is never returned.",
  input: z
    .object({
      content: z.string().optional().describe('A text to scan, or a unified diff (only added lines are scanned, at new-file line numbers)'),
      files: z.array(fileSchema).optional().describe('Files to scan, with paths relative to the project root'),
      options: analyzerOptions({}),
    })
    .strict(),
  rules: secretRuleDocs,
  run({ content, files }) {
    if (content === undefined && files === undefined) throw new InputError('Give the text as `content` or the files as `files`.');
    const units: ScanUnit[] = [];
    let diff = false;
    if (content !== undefined) {
      if (looksLikeDiff(content)) {
        diff = true;
        units.push(...diffUnits(content));
      } else units.push({ text: content });
    }
    for (const f of files ?? []) units.push({ path: f.path, text: f.content });
    const findings = secretFindings(units);
    const byRule = new Map<string, number>();
    for (const f of findings) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
    return {
      findings,
      metrics: {
        scanned: units.length,
        diff,
        rules: [...byRule.entries()].sort().map(([name, count]) => ({ name, count })),
      },
    };
  },
  render(envelope) {
    const rows = (envelope.findings ?? []).map((f) => [f.ruleId, f.location ? `${f.location.path ?? ''}${f.location.path ? ':' : 'line '}${f.location.line}` : '', f.match, f.entropy]);
    return [table(['rule', 'where', 'match (redacted)', 'entropy'], rows)];
  },
});
