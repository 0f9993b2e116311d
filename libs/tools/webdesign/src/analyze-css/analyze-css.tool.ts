import { z } from 'zod';
import walk from 'css-tree/walker';
import type { Atrule, CssNode, Declaration, Rule, Selector } from 'css-tree';
import { analyzerOptions, contentArg, defineTool } from '@mcp/core-protocol';
import { table, type Finding } from '@mcp/core-response';
import { compareSpecificity, declarationsOf, eachStyleRule, parseStylesheet, selectorsOf, specificity, type Specificity } from '../shared/css';
import { isKnownProperty } from '../shared/css-properties';
import { parseColor, toHex } from '../shared/color';
import { prefixNoLongerNeeded, unprefixed, vendorPrefix } from './vendor-prefixes';

const STYLELINT = 'https://stylelint.io/user-guide/rules/';

const RULE_SUMMARIES: Record<string, string> = {
  'declaration-block-no-duplicate-properties': 'A property is declared twice in the same block',
  'no-duplicate-selectors': 'The same selector list appears twice in the same context',
  'property-no-unknown': 'Unknown CSS property',
  'property-no-vendor-prefix': 'A vendor-prefixed property autoprefixer would generate',
  'value-no-vendor-prefix': 'A vendor-prefixed value autoprefixer would generate',
  'selector-no-vendor-prefix': 'A vendor-prefixed pseudo-class or pseudo-element autoprefixer would generate',
  'at-rule-no-vendor-prefix': 'A vendor-prefixed at-rule autoprefixer would generate',
  'media-feature-name-no-vendor-prefix': 'A vendor-prefixed media feature autoprefixer would generate',
};

// Properties whose identifiers are names, not colours (`animation-name: tomato` is not red).
const NAME_VALUED = /^(font|font-family|animation|animation-name|grid-area|grid-template-areas|grid-row|grid-column|content|counter-reset|counter-increment|transition|transition-property|will-change|list-style-type|view-transition-name|container-name|anchor-name)$/i;

export const analyzeCss = defineTool({
  name: 'web_analyze_css',
  title: 'CSS analysis (stylelint rules + CSS Stats metrics)',
  description:
    'Parses a stylesheet and reports stylelint findings (duplicate properties and selectors, unknown properties, vendor prefixes autoprefixer makes unnecessary) with metrics: rule/selector/declaration counts, specificity per selector and the highest, !important count, colour palette, z-index values.',
  input: z.object({ content: contentArg('The stylesheet (CSS)'), options: analyzerOptions({}) }).strict(),
  rules: Object.entries(RULE_SUMMARIES).map(([id, summary]) => ({
    id,
    severity: id === 'property-no-unknown' || id === 'declaration-block-no-duplicate-properties' ? ('error' as const) : ('warning' as const),
    summary,
    docs: `${STYLELINT}${id}`,
  })),
  run({ content }) {
    const ast = parseStylesheet(content, { parseValue: true });
    const findings: Finding[] = [];
    const report = (ruleId: string, node: CssNode, message: string, fix: string) => {
      const loc = node.loc?.start;
      findings.push({
        ruleId,
        severity: ruleId === 'property-no-unknown' || ruleId === 'declaration-block-no-duplicate-properties' ? 'error' : 'warning',
        message,
        location: loc ? { line: loc.line, column: loc.column } : { line: 1 },
        fix,
        docs: `${STYLELINT}${ruleId}`,
      });
    };
    const source = (node: CssNode) => (node.loc ? content.slice(node.loc.start.offset, node.loc.end.offset) : '');

    // Style rules: counts, specificity, duplicate selectors per at-rule context.
    let rules = 0;
    const specs: { selector: string; specificity: Specificity; line: number }[] = [];
    const contexts = new Map<Atrule | null, Map<string, number>>();
    eachStyleRule(ast, (rule: Rule, atrules: Atrule[]) => {
      rules++;
      const selectors = selectorsOf(rule);
      const texts = selectors.map((s) => source(s).replace(/\s+/g, ' ').trim());
      selectors.forEach((sel, i) => specs.push({ selector: texts[i], specificity: specificity(sel), line: sel.loc?.start.line ?? 1 }));
      const seenInList = new Set<string>();
      for (const t of texts) {
        if (seenInList.has(t)) report('no-duplicate-selectors', rule, `Duplicate selector "${t}" within its own list`, `Remove the repeated "${t}" from the list`);
        seenInList.add(t);
      }
      const context = atrules[atrules.length - 1] ?? null;
      const seen = contexts.get(context) ?? new Map<string, number>();
      contexts.set(context, seen);
      const key = [...new Set(texts)].sort().join(',');
      const line = rule.loc?.start.line ?? 1;
      const first = seen.get(key);
      if (first !== undefined) {
        report('no-duplicate-selectors', rule, `Duplicate selector "${texts.join(', ')}", first used at line ${first}`, `Merge this rule into the one at line ${first}`);
      } else seen.set(key, line);
    });

    // Declarations anywhere (style rules, @font-face, @page, nested at-rules).
    let declarations = 0;
    let importantCount = 0;
    let vendorPrefixes = 0;
    const colors = new Set<string>();
    const zIndexes = new Set<number>();
    walk(ast, {
      visit: 'Block',
      enter(block: CssNode) {
        // stylelint's semantics: the overridden declaration is reported (the earlier one, unless
        // it is !important and the later one is not), and `src` may repeat (@font-face).
        const active = new Map<string, Declaration>();
        for (const decl of declarationsOf(block)) {
          const prop = decl.property;
          const lower = prop.toLowerCase();
          if (lower.startsWith('--') || lower === 'src' || /^[*_$@]/.test(prop)) continue;
          const prev = active.get(lower);
          if (!prev) {
            active.set(lower, decl);
            continue;
          }
          const earlierWins = !decl.important && !!prev.important;
          const [node, other] = earlierWins ? [decl, prev] : [prev, decl];
          if (!earlierWins) active.set(lower, decl);
          report('declaration-block-no-duplicate-properties', node, `Duplicate property "${node.property}" (also declared at line ${other.loc?.start.line})`, `Remove the ${earlierWins ? 'later' : 'earlier'} "${prop}" declaration; the one at line ${other.loc?.start.line} wins`);
        }
      },
    });
    // Descriptors (@property's syntax, @font-face's src, @page's size) are not properties.
    const descriptors = new Set<Declaration>();
    walk(ast, { visit: 'Atrule', enter: (at: Atrule) => declarationsOf(at.block).forEach((d) => descriptors.add(d)) });
    walk(ast, {
      visit: 'Declaration',
      enter(decl: Declaration) {
        declarations++;
        if (decl.important) importantCount++;
        const prop = decl.property;
        const lower = prop.toLowerCase();
        if (lower.startsWith('--')) {
          // Custom properties stay raw text: take the unambiguous colours (hex and colour functions).
          for (const m of source(decl.value).matchAll(/#[0-9a-f]{3,8}\b|\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\([^()]*\)/gi)) {
            const c = parseColor(m[0]);
            if (c) colors.add(toHex(c));
          }
          return;
        }
        const prefix = vendorPrefix(lower);
        if (prefix) {
          vendorPrefixes++;
          if (prefixNoLongerNeeded.property(lower)) {
            report('property-no-vendor-prefix', decl, `Unexpected vendor-prefixed property "${prop}"`, `Write "${unprefixed(lower)}" and let autoprefixer add prefixes for the browsers you support`);
          }
        } else if (!descriptors.has(decl) && !isKnownProperty(lower) && !/^[*_]/.test(prop)) {
          report('property-no-unknown', decl, `Unknown property "${prop}"`, 'Check the spelling against MDN, or remove the declaration');
        }
        if (lower === 'z-index') {
          const n = Number(source(decl.value).trim());
          if (Number.isInteger(n)) zIndexes.add(n);
        }
        walk(decl.value, (node: CssNode) => {
          if (node.type === 'Identifier') {
            if (vendorPrefix(node.name)) {
              vendorPrefixes++;
              if (prefixNoLongerNeeded.value(node.name)) {
                report('value-no-vendor-prefix', decl, `Unexpected vendor-prefixed value "${node.name}" in "${prop}"`, `Write "${unprefixed(node.name)}"`);
              }
            } else if (!NAME_VALUED.test(lower) && !/^(transparent|currentcolor|inherit|initial|unset|none)$/i.test(node.name)) {
              const c = parseColor(node.name);
              if (c) colors.add(toHex(c));
            }
          } else if (node.type === 'Function') {
            if (vendorPrefix(node.name)) {
              vendorPrefixes++;
              if (prefixNoLongerNeeded.value(node.name)) {
                report('value-no-vendor-prefix', decl, `Unexpected vendor-prefixed value "${node.name}" in "${prop}"`, `Write "${unprefixed(node.name)}"`);
              }
            }
            if (/^(rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)$/i.test(node.name)) {
              const c = parseColor(source(node));
              if (c) colors.add(toHex(c));
            }
          } else if (node.type === 'Hash') {
            const c = parseColor(`#${node.value}`);
            if (c) colors.add(toHex(c));
          }
        });
      },
    });

    // Selectors and at-rules with prefixes.
    walk(ast, {
      visit: 'Selector',
      enter(sel: Selector) {
        walk(sel, (node: CssNode) => {
          if (node.type !== 'PseudoClassSelector' && node.type !== 'PseudoElementSelector') return;
          if (!vendorPrefix(node.name)) return;
          vendorPrefixes++;
          const written = `${node.type === 'PseudoElementSelector' ? '::' : ':'}${node.name}`;
          if (prefixNoLongerNeeded.selector(written)) {
            report('selector-no-vendor-prefix', node, `Unexpected vendor-prefixed selector "${written}"`, `Write "${written.replace(/-\w+-/, '').replace('input-placeholder', 'placeholder')}"`);
          }
        });
      },
    });
    walk(ast, {
      visit: 'Atrule',
      enter(at: Atrule) {
        if (vendorPrefix(at.name)) {
          vendorPrefixes++;
          if (prefixNoLongerNeeded.atRule(at.name)) report('at-rule-no-vendor-prefix', at, `Unexpected vendor-prefixed at-rule "@${at.name}"`, `Write "@${unprefixed(at.name)}"`);
        }
        if (at.name.toLowerCase() === 'media' && at.prelude) {
          const text = source(at.prelude);
          for (const m of text.matchAll(/-webkit-device-pixel-ratio|-webkit-min-device-pixel-ratio|-webkit-max-device-pixel-ratio|-o-device-pixel-ratio|-o-min-device-pixel-ratio|-o-max-device-pixel-ratio|-moz-device-pixel-ratio|min--moz-device-pixel-ratio|max--moz-device-pixel-ratio/gi)) {
            vendorPrefixes++;
            report('media-feature-name-no-vendor-prefix', at, `Unexpected vendor-prefixed media feature "${m[0]}"`, 'Use the standard "resolution" feature, e.g. (min-resolution: 2dppx)');
          }
        }
      },
    });

    let max: { selector: string | null; specificity: Specificity } = { selector: null, specificity: [0, 0, 0] };
    for (const s of specs) if (max.selector === null || compareSpecificity(s.specificity, max.specificity) > 0) max = s;
    return {
      findings,
      metrics: {
        rules,
        selectors: specs.length,
        declarations,
        importantCount,
        maxSpecificity: max.specificity,
        maxSpecificitySelector: max.selector,
        specificity: specs,
        colors: [...colors].sort(),
        zIndexes: [...zIndexes].sort((a, b) => a - b),
        vendorPrefixes,
      },
    };
  },
  render(envelope) {
    const m = envelope.metrics as { rules: number; selectors: number; declarations: number; importantCount: number; maxSpecificity: number[]; maxSpecificitySelector: string | null; colors: string[]; zIndexes: number[]; vendorPrefixes: number };
    return [
      table(
        ['metric', 'value'],
        [
          ['rules', m.rules],
          ['selectors', m.selectors],
          ['declarations', m.declarations],
          ['!important', m.importantCount],
          ['max specificity', `${m.maxSpecificity.join(',')}${m.maxSpecificitySelector ? ` (${m.maxSpecificitySelector})` : ''}`],
          ['colours', `${m.colors.length}: ${m.colors.slice(0, 12).join(' ')}${m.colors.length > 12 ? ' …' : ''}`],
          ['z-index values', m.zIndexes.join(', ')],
          ['vendor prefixes', m.vendorPrefixes],
        ],
      ),
    ];
  },
});

