import { SPDX_DEPRECATED_IDS, SPDX_EXCEPTIONS, SPDX_LICENSE_IDS } from '../shared/spdx-ids';

export interface LicenseVerdict {
  valid: boolean;
  /** Why it is not valid, naming the offending token. */
  reason?: string;
  /** A correctly cased id when only the case was wrong (`mit` -> `MIT`). */
  suggestion?: string;
}

const BY_LOWER = new Map<string, string>();
for (const id of [...SPDX_LICENSE_IDS, ...SPDX_DEPRECATED_IDS]) BY_LOWER.set(id.toLowerCase(), id);

/**
 * Validates a package.json `license` as npm does (validate-npm-package-license): an SPDX
 * expression (ids, `+`, `WITH` exception, `AND`/`OR`, parentheses, `LicenseRef-…`), or the
 * special values `UNLICENSED` and `SEE LICENSE IN <file>`.
 */
export function checkLicense(value: string): LicenseVerdict {
  if (value === 'UNLICENSED' || value === 'UNLICENCED' || /^SEE LICEN[CS]E IN ./.test(value)) return { valid: true };
  const tokens = value.match(/\(|\)|[^\s()]+/g) ?? [];
  let pos = 0;
  let failure: LicenseVerdict | undefined;
  const fail = (reason: string, token?: string): false => {
    if (!failure) failure = { valid: false, reason, suggestion: token ? BY_LOWER.get(token.toLowerCase().replace(/\+$/, '')) : undefined };
    return false;
  };
  const license = (): boolean => {
    const t = tokens[pos];
    if (t === undefined) return fail('the expression ends where a license id is expected');
    if (t === '(') {
      pos++;
      if (!or()) return false;
      if (tokens[pos] !== ')') return fail(`expected ")" but found ${tokens[pos] ?? 'the end'}`);
      pos++;
      return true;
    }
    const id = t.endsWith('+') ? t.slice(0, -1) : t;
    if (!SPDX_LICENSE_IDS.has(id) && !SPDX_DEPRECATED_IDS.has(id) && !/^(DocumentRef-[\w.-]+:)?LicenseRef-[\w.-]+$/.test(id)) {
      return fail(`"${t}" is not an SPDX license identifier`, t);
    }
    pos++;
    if (tokens[pos] === 'WITH') {
      pos++;
      const ex = tokens[pos];
      if (!ex || !SPDX_EXCEPTIONS.has(ex)) return fail(`"${ex ?? ''}" is not an SPDX license exception`);
      pos++;
    }
    return true;
  };
  const and = (): boolean => {
    if (!license()) return false;
    while (tokens[pos] === 'AND') {
      pos++;
      if (!license()) return false;
    }
    return true;
  };
  const or = (): boolean => {
    if (!and()) return false;
    while (tokens[pos] === 'OR') {
      pos++;
      if (!and()) return false;
    }
    return true;
  };
  if (tokens.length === 0) return { valid: false, reason: 'the license is empty' };
  if (!or()) return failure!;
  if (pos < tokens.length) return fail(`unexpected "${tokens[pos]}" after a complete expression`, tokens[pos]) || failure!;
  return { valid: true };
}
