import { GITLEAKS } from './gitleaks.rules';
import type { AllowlistConfig, RuleConfig } from './secret-rule';

/** One secret found in a text, before it is turned into a finding. Never holds the secret itself. */
export interface SecretHit {
  ruleId: string;
  description: string;
  /** Offsets of the whole match in the scanned text. */
  start: number;
  end: number;
  /** The match with the secret replaced by REDACTED (gitleaks --redact). */
  redacted: string;
  entropy: number;
}

interface CompiledAllowlist {
  target: 'secret' | 'match' | 'line';
  and: boolean;
  paths: RegExp[];
  regexes: RegExp[];
  stopwords: string[];
}
interface CompiledRule {
  id: string;
  description: string;
  regex: RegExp;
  keywords: string[];
  entropy?: number;
  allowlists: CompiledAllowlist[];
}

const rx = ([source, flags]: [string, string], extra = '') => new RegExp(source, flags + extra);

function compileAllowlist(a: AllowlistConfig): CompiledAllowlist {
  return {
    target: a.regexTarget ?? 'secret',
    and: a.condition === 'AND',
    paths: (a.paths ?? []).map((p) => rx(p)),
    regexes: (a.regexes ?? []).map((p) => rx(p)),
    stopwords: (a.stopwords ?? []).map((w) => w.toLowerCase()),
  };
}

let compiled: { rules: CompiledRule[]; globalPaths: RegExp[]; global: CompiledAllowlist } | undefined;
function rules() {
  compiled ??= {
    rules: GITLEAKS.rules.map((r: RuleConfig) => ({
      id: r.id,
      description: r.description,
      regex: rx(r.regex, 'g'),
      keywords: r.keywords.map((k) => k.toLowerCase()),
      entropy: r.entropy,
      allowlists: (r.allowlists ?? []).map(compileAllowlist),
    })),
    globalPaths: GITLEAKS.global.paths.map((p) => rx(p)),
    global: compileAllowlist({ regexes: GITLEAKS.global.regexes, stopwords: GITLEAKS.global.stopwords }),
  };
  return compiled;
}

export const SECRET_RULES = GITLEAKS.rules.map((r) => ({ id: r.id, description: r.description }));

/** Shannon entropy in bits per character, as gitleaks computes it. */
export function shannonEntropy(s: string): number {
  if (!s) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  const n = [...s].length;
  for (const c of counts.values()) {
    const p = c / n;
    h -= p * Math.log2(p);
  }
  return h;
}

/** gitleaks' global path allowlist: lockfiles, vendored code, images... are not scanned. */
export function isAllowedPath(path: string): boolean {
  return rules().globalPaths.some((r) => r.test(path));
}

function lineAround(text: string, start: number, end: number): string {
  const a = text.lastIndexOf('\n', start - 1) + 1;
  const b = text.indexOf('\n', end);
  return text.slice(a, b === -1 ? undefined : b);
}

function allowed(list: CompiledAllowlist, secret: string, match: string, line: string, path: string | undefined): boolean {
  const checks: boolean[] = [];
  if (list.paths.length) checks.push(path !== undefined && list.paths.some((r) => r.test(path)));
  if (list.regexes.length) {
    const target = list.target === 'match' ? match : list.target === 'line' ? line : secret;
    checks.push(list.regexes.some((r) => r.test(target)));
  }
  if (list.stopwords.length) {
    const lower = secret.toLowerCase();
    checks.push(list.stopwords.some((w) => lower.includes(w)));
  }
  if (checks.length === 0) return false;
  return list.and ? checks.every(Boolean) : checks.some(Boolean);
}

/**
 * Runs gitleaks' rules over one text: keyword prefilter, regex, secret group, entropy limit
 * (generic rules also need a digit), global and per-rule allowlists. A generic-api-key hit that
 * overlaps another rule's hit is dropped, as the contract asks.
 */
export function scanSecrets(text: string, path?: string): SecretHit[] {
  const { rules: all, global } = rules();
  const lower = text.toLowerCase();
  const hits: SecretHit[] = [];
  for (const rule of all) {
    if (rule.keywords.length && !rule.keywords.some((k) => lower.includes(k))) continue;
    rule.regex.lastIndex = 0;
    for (let m = rule.regex.exec(text); m; m = rule.regex.exec(text)) {
      if (m[0] === '') {
        rule.regex.lastIndex++;
        continue;
      }
      const match = m[0];
      // gitleaks: the secret is the first non-empty capture group, or the whole match.
      let secret = match;
      for (let g = 1; g < m.length; g++) {
        if (m[g]) {
          secret = m[g];
          break;
        }
      }
      const entropy = shannonEntropy(secret);
      if (rule.entropy !== undefined && rule.entropy !== 0) {
        if (entropy <= rule.entropy) continue;
        if (rule.id.startsWith('generic') && !/\d/.test(secret)) continue;
      }
      const line = lineAround(text, m.index, m.index + match.length);
      if (allowed(global, secret, match, line, path)) continue;
      if (rule.allowlists.some((a) => allowed(a, secret, match, line, path))) continue;
      hits.push({
        ruleId: rule.id,
        description: rule.description,
        start: m.index,
        end: m.index + match.length,
        redacted: match.split(secret).join('REDACTED').trim(),
        entropy,
      });
    }
  }
  const specific = hits.filter((h) => h.ruleId !== 'generic-api-key');
  return hits
    .filter((h) => h.ruleId !== 'generic-api-key' || !specific.some((s) => s.start < h.end && h.start < s.end))
    .sort((a, b) => a.start - b.start || (a.ruleId < b.ruleId ? -1 : 1));
}
