import type { ParserOptions, ParserPlugin } from '@babel/parser';

/**
 * The one @babel/parser configuration every JS/TS tool uses, whatever its category. TOOLS.md
 * fixes it (typescript + jsx + legacy decorators, `unambiguous`), so a syntax error is reported
 * at the same line and column whichever tool parsed the file.
 */
export const BABEL_PLUGINS: ParserPlugin[] = [
  'typescript',
  'jsx',
  'decorators-legacy',
  'importAttributes',
  'explicitResourceManagement',
];

export const BABEL_PARSER_OPTIONS: ParserOptions = {
  sourceType: 'unambiguous',
  plugins: BABEL_PLUGINS,
  // Off on purpose: a broken file must fail with the parser's line and column, not be half-analyzed.
  errorRecovery: false,
  allowReturnOutsideFunction: false,
};

/**
 * Declaration files (.d.ts, .d.mts, .d.cts) are ambient: `export const x: T;` is legal there
 * only with the typescript plugin's `dts` option, so they get the same options plus that flag.
 */
export function babelOptionsFor(path: string | undefined): ParserOptions {
  if (!path || !/\.d\.(c|m)?ts$/.test(path)) return BABEL_PARSER_OPTIONS;
  return { ...BABEL_PARSER_OPTIONS, plugins: BABEL_PLUGINS.map((p) => (p === 'typescript' ? (['typescript', { dts: true }] as ParserPlugin) : p)) };
}
