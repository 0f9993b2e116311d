import { z } from 'zod';
import { analyzerOptions, defineTool, type RuleDoc } from '@mcp/core-protocol';
import type { Finding } from '@mcp/core-response';
import { findCauses, parseRegex, starHeight, type Cause } from './regex-analysis';

const rules: RuleDoc[] = [
  { id: 'redos', severity: 'error', summary: 'The pattern can backtrack super-linearly: error when exponential, warning when polynomial', docs: 'https://makenowjust-labs.github.io/recheck/' },
];

const SUFFIXES = ['!', '\u0000', '#', ' ', '\n', 'A', '0', 'a', '-', '_', '@', '.', ''];
const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t').split('\u0000').join('\\0')}'`;

const KIND_TEXT: Record<Cause['kind'], string> = {
  'nested-quantifier': 'nested quantifier',
  'adjacent-quantifiers': 'quantifiers that compete for the same characters',
  'overlapping-alternation': 'overlapping alternation inside a repetition',
  'unanchored-quantifier': 'unanchored quantifier retried at every start position',
  'unanchored-prefix': 'unanchored search that rescans the rest of the input from every occurrence of its prefix:',
};

/** A suffix that makes the whole attack fail (verified on a short, harmless pump). */
function rejectingSuffix(source: string, flags: string, cause: Cause): string {
  let re: RegExp;
  try {
    re = new RegExp(source, flags.replace(/[gy]/g, ''));
  } catch {
    return '!';
  }
  for (const s of SUFFIXES) {
    if (s && cause.pumpSet?.has(s.codePointAt(0)!) && cause.kind !== 'unanchored-prefix') continue;
    if (!re.test(cause.prefix + cause.pump.repeat(8) + s)) return s;
  }
  return '!';
}

/** Polynomial degree: quantifiers chained by competing reports, plus one for an unanchored start. */
function degreeOf(causes: Cause[]): number {
  const trades = causes.filter((c) => c.kind === 'adjacent-quantifiers');
  const moves = causes.filter((c) => c.kind === 'unanchored-quantifier');
  if (trades.length === 0) return 2;
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    while (parent.get(x) !== undefined && parent.get(x) !== x) x = parent.get(x)!;
    return x;
  };
  for (const t of trades) {
    const a = `${t.offset}`;
    const b = `${t.other}@${t.pump}`;
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    parent.set(find(a), find(b));
  }
  const sizes = new Map<string, number>();
  for (const k of parent.keys()) sizes.set(find(k), (sizes.get(find(k)) ?? 0) + 1);
  const chain = Math.max(...sizes.values());
  return Math.max(2, chain + (moves.length > 0 ? 1 : 0));
}

/** scslre's fixes applied one at a time until the pattern is clean; null when one cannot be fixed. */
function rewriteOf(source: string, flags: string): string | null {
  let current = source;
  for (let i = 0; i < 10; i++) {
    const literal = parseRegex(current, flags);
    const causes = findCauses(literal);
    if (causes.length === 0) return current === source ? null : current;
    const fixable = causes.find((c) => c.fix !== undefined);
    if (!fixable || fixable.fix === current) return null;
    current = fixable.fix as string;
  }
  return null;
}

export const checkRegexSafety = defineTool({
  name: 'quality_check_regex_safety',
  title: 'Regex safety (ReDoS)',
  description:
    'Checks a JavaScript regular expression for catastrophic backtracking by ambiguity analysis (nested and competing quantifiers, overlapping alternation): verdict, complexity class and degree, star height, an attack string that triggers the worst case, and a safer equivalent pattern when one exists.',
  input: z
    .object({
      content: z.string().describe('The pattern source, without slashes (e.g. "^(a+)+$")'),
      options: analyzerOptions({
        flags: z.string().regex(/^[dgimsuvy]*$/).optional().describe('JavaScript flags, e.g. "i" or "su"'),
      }),
    })
    .strict(),
  rules,
  run({ content, options }) {
    const flags = options?.flags ?? '';
    const literal = parseRegex(content, flags);
    const height = starHeight(literal.pattern);
    let causes: Cause[];
    try {
      causes = findCauses(literal);
    } catch (error) {
      return {
        findings: [],
        metrics: { status: 'unknown', complexity: { type: 'safe', summary: `analysis failed: ${(error as Error).message}` }, starHeight: height },
        artifacts: { attack: null, rewrite: null },
      };
    }
    // Offsets are in the literal `/source/flags`; report columns in the source.
    const seen = new Set<string>();
    causes = causes.filter((c) => {
      const key = `${c.kind}:${c.offset}:${c.other}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (causes.length === 0) {
      return {
        findings: [],
        metrics: { status: 'safe', complexity: { type: 'safe', summary: 'linear: no ambiguous repetition' }, starHeight: height },
        artifacts: { attack: null, rewrite: null },
      };
    }
    const exponential = causes.some((c) => c.exponential);
    const degree = exponential ? undefined : degreeOf(causes);
    const worst = (exponential ? causes.filter((c) => c.exponential) : causes).sort(
      (a, b) => Number(a.kind === 'unanchored-quantifier') - Number(b.kind === 'unanchored-quantifier') || a.offset - b.offset,
    )[0];
    const suffix = rejectingSuffix(content, flags, worst);
    // Enough repetitions for ~10^9 backtracking steps: 2^30 (exponential), or n^degree.
    const n = exponential ? 30 : Math.ceil(Math.pow(2e9 / Math.max(1, worst.pump.length), 1 / (degree as number)));
    const attack = {
      string: worst.prefix + worst.pump.repeat(n) + suffix,
      pattern: [worst.prefix ? quote(worst.prefix) : '', `${quote(worst.pump)}.repeat(${n})`, quote(suffix)].filter(Boolean).join(' + '),
    };
    const shown = `/${content}/${flags}`;
    const findings: Finding[] = causes
      .filter((c) => !exponential || c.exponential)
      .map((c) => ({
        ruleId: 'redos',
        severity: c.exponential ? ('error' as const) : ('warning' as const),
        message: `${shown}: ${KIND_TEXT[c.kind]} ${JSON.stringify(c.raw)}${c.other ? ` (with ${JSON.stringify(c.other)})` : ''} backtracks ${c.exponential ? 'exponentially' : 'polynomially'} on ${c.prefix ? `${quote(c.prefix)} + ` : ''}${quote(c.pump)}.repeat(n) + a rejecting character.`,
        location: { line: 1, column: c.offset },
        fix: c.fix !== undefined ? `Use the equivalent /${c.fix}/${flags}.` : c.kind === 'unanchored-prefix' ? `Bound the repetition (e.g. ${JSON.stringify(c.raw.replace(/[*+]\??$/, '{0,200}'))}), anchor the pattern, or check the input length first.` : 'Make the repetition unambiguous: let each character be matched by only one quantifier or alternative (e.g. (a+)+ -> a+, (\\w|\\d)+ -> \\w+), or anchor and bound the input length.',
        docs: rules[0].docs,
      }));
    let rewrite: string | null = null;
    try {
      rewrite = rewriteOf(content, flags);
    } catch {
      rewrite = null;
    }
    return {
      findings,
      metrics: {
        status: 'vulnerable',
        complexity: exponential
          ? { type: 'exponential', summary: `exponential: 2^n backtracking steps for n repetitions of ${quote(worst.pump)}` }
          : { type: 'polynomial', degree, summary: `polynomial: O(n^${degree}) backtracking steps for n repetitions of ${quote(worst.pump)}` },
        starHeight: height,
      },
      artifacts: { attack, rewrite },
    };
  },
  render(envelope) {
    const m = envelope.metrics as { status: string; complexity: { summary: string }; starHeight: number };
    const a = envelope.artifacts as { attack: { pattern: string } | null; rewrite: string | null };
    return [
      `Verdict: **${m.status}** (${m.complexity.summary}); star height ${m.starHeight}.`,
      a.attack ? `Attack: \`${a.attack.pattern}\`` : '',
      a.rewrite ? `Safer rewrite: \`/${a.rewrite}/\`` : '',
    ];
  },
});
