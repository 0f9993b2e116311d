// commitlint's @commitlint/ensure `case` check, with the lodash/es-toolkit word splitting it uses.

const WORDS = /\p{Lu}?\p{Ll}+|\p{Lu}+(?!\p{Ll})|\d+|\p{Lu}|\p{Ll}/gu;

function words(input: string): string[] {
  return input.match(WORDS) ?? [];
}
const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const camel = (s: string) =>
  words(s)
    .map((w, i) => (i === 0 ? w.toLowerCase() : upperFirst(w.toLowerCase())))
    .join('');

export const CASES = ['lower-case', 'upper-case', 'camel-case', 'kebab-case', 'pascal-case', 'sentence-case', 'snake-case', 'start-case'] as const;
export type CaseName = (typeof CASES)[number];

function toCase(input: string, target: CaseName): string {
  switch (target) {
    case 'camel-case':
      return camel(input);
    case 'kebab-case':
      return words(input).map((w) => w.toLowerCase()).join('-');
    case 'snake-case':
      return words(input).map((w) => w.toLowerCase()).join('_');
    case 'pascal-case':
      return upperFirst(camel(input));
    case 'start-case':
      return words(input).map(upperFirst).join(' ');
    case 'upper-case':
      return input.toUpperCase();
    case 'sentence-case':
      return upperFirst(input);
    case 'lower-case':
      return input.toLowerCase();
  }
}

/** True when `raw` is already in `target` case; quoted parts (proper names) are ignored. */
export function ensureCase(raw: string, target: CaseName): boolean {
  const input = raw.replace(/`.*?`|".*?"|'.*?'/g, '').trim();
  const transformed = toCase(input, target);
  if (transformed === '' || /^\d/.test(transformed)) return true;
  return transformed === input;
}
