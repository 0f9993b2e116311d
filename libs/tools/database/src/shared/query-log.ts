/**
 * Turns a query log into SQL with the same line and column layout: log prefixes
 * (`2024-05-01 10:00:00 UTC [42] LOG:  duration: 1.2 ms  statement: `) and non-statement log
 * lines are blanked with spaces, and a `;` is put where each entry starts so that entries
 * without a trailing semicolon stay separate statements. Positions then point into the log.
 */
const PG_ENTRY = /^(.*?\b(?:LOG|STATEMENT|ERROR|DETAIL|HINT|CONTEXT|WARNING|NOTICE|FATAL):\s+)(?:(duration:\s*[\d.]+\s*ms\s+)?((?:statement|execute\s+[^:]*|parse\s+[^:]*|bind\s+[^:]*):\s*))?/;
const MYSQL_META = /^#\s*(Time|User@Host|Query_time|Thread_id|Schema|Rows_examined|Bytes_sent):|^SET timestamp=\d+;|^use \w+;|^\/usr\/\S+mysqld|^Tcp port:|^Time\s+Id\s+Command/;

export function isQueryLog(text: string): boolean {
  return /\b(LOG|STATEMENT):\s+(duration:\s*[\d.]+\s*ms\s+)?(statement|execute [^:]*):/.test(text) || /^# Query_time:/m.test(text);
}

export function stripLogPrefixes(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  for (const line of lines) {
    const m = PG_ENTRY.exec(line);
    if (m && /^\S/.test(line)) {
      if (m[3] && (m[1].includes('LOG:') || m[1].includes('STATEMENT:'))) {
        const prefixLen = m[0].length;
        out.push(`;${' '.repeat(prefixLen - 1)}${line.slice(prefixLen)}`);
      } else {
        out.push(line.length > 0 ? `;${' '.repeat(line.length - 1)}` : '');
      }
      continue;
    }
    if (MYSQL_META.test(line)) {
      out.push(line.length > 0 ? `;${' '.repeat(line.length - 1)}` : '');
      continue;
    }
    out.push(line);
  }
  return out.join('\n');
}
