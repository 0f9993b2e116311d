import type { Envelope } from './envelope';
import type { Finding } from './finding';

/** Escapes text for a Markdown table cell. */
export function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'number' ? formatNumber(value) : Array.isArray(value) ? value.join(', ') : String(value);
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Markdown rounds; structured output keeps the unrounded value. */
export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

export function table(headers: string[], rows: unknown[][]): string {
  if (rows.length === 0) return '';
  const head = `| ${headers.join(' | ')} |`;
  const sep = `| ${headers.map(() => '---').join(' | ')} |`;
  return [head, sep, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

export function formatLocation(f: Finding): string {
  const l = f.location;
  if (!l) return '';
  const pos = `${l.line}${l.column !== undefined ? `:${l.column}` : ''}`;
  return l.path ? `${l.path}:${pos}` : `line ${pos}`;
}

export function renderFinding(f: Finding): string {
  const where = formatLocation(f);
  const fix = f.fix ? ` Fix: ${f.fix}` : '';
  return `- **${f.severity}** \`${f.ruleId}\`${where ? ` (${where})` : ''}: ${f.message}${fix}`;
}

/**
 * Renders an envelope as concise Markdown: a title with counts, every finding, then the
 * tool's main tables (passed in by the tool, since only it knows which table matters).
 */
export function renderEnvelope(title: string, envelope: Envelope, sections: string[] = []): string {
  const { errors, warnings, infos } = envelope.summary;
  const lines = [`## ${title}`, '', `${errors} error(s), ${warnings} warning(s), ${infos} info(s)`];
  if (envelope.findings.length > 0) {
    lines.push('', '### Findings', '', ...envelope.findings.map(renderFinding));
  } else {
    lines.push('', 'No findings.');
  }
  for (const section of sections) {
    if (section.trim()) lines.push('', section);
  }
  return lines.join('\n');
}
