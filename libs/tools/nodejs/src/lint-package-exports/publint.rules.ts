import type { RuleDoc } from '@mcp/core-protocol';

const DOCS = 'https://publint.dev/rules';
type Level = 'error' | 'warning' | 'suggestion';

/** publint's message codes with publint's own level (suggestion maps to info). */
export const CODES: Record<string, { level: Level; summary: string }> = {
  FILE_DOES_NOT_EXIST: { level: 'error', summary: 'A path in package.json points at a file that is not published' },
  FILE_INVALID_FORMAT: { level: 'warning', summary: 'A .js file is ESM where the nearest "type" makes it CJS, or the reverse' },
  FILE_INVALID_EXPLICIT_FORMAT: { level: 'warning', summary: 'A .mjs file contains CJS or a .cjs file contains ESM' },
  FILE_INVALID_JSX_EXTENSION: { level: 'error', summary: 'A file uses .mjsx/.cjsx/.mtsx/.ctsx, which no tool resolves' },
  FIELD_INVALID_VALUE_TYPE: { level: 'error', summary: 'A field such as main or module has a value of the wrong type' },
  HAS_MODULE_BUT_NO_EXPORTS: { level: 'suggestion', summary: '"module" is set without "exports": Node.js ignores "module"' },
  HAS_ESM_MAIN_BUT_NO_EXPORTS: { level: 'suggestion', summary: '"main" is ESM but there is no "exports" field' },
  MODULE_SHOULD_BE_ESM: { level: 'error', summary: 'The "module" field points at CommonJS code' },
  EXPORTS_MISSING_ROOT_ENTRYPOINT: { level: 'warning', summary: '"exports" has subpaths but no "." while main/module is set' },
  EXPORTS_TYPES_SHOULD_BE_FIRST: { level: 'error', summary: 'The "types" condition is not the first in its exports object, so TypeScript may never see it' },
  EXPORTS_TYPES_INVALID_FORMAT: { level: 'warning', summary: 'A .d.ts file resolved for import/require is interpreted in the other module format' },
  EXPORTS_MODULE_SHOULD_PRECEDE_REQUIRE: { level: 'error', summary: 'The "module" condition comes after "require", so bundlers never pick it' },
  EXPORTS_DEFAULT_SHOULD_BE_LAST: { level: 'error', summary: 'The "default" condition is not last, so the conditions after it are unreachable' },
  EXPORTS_MODULE_SHOULD_BE_ESM: { level: 'error', summary: 'The "module" condition points at CommonJS code' },
  EXPORTS_VALUE_INVALID: { level: 'error', summary: 'An exports value does not start with "./"' },
  EXPORTS_GLOB_NO_MATCHED_FILES: { level: 'warning', summary: 'An exports glob matches no published file' },
  EXPORTS_GLOB_NO_DEPRECATED_SUBPATH_MAPPING: { level: 'error', summary: 'An exports subpath folder mapping ("./x/": "./x/") was removed from Node.js; use "./x/*"' },
  EXPORTS_FALLBACK_ARRAY_USE: { level: 'warning', summary: 'An exports value is an array; fallback arrays are not portable' },
  CJS_WITH_ESMODULE_DEFAULT_EXPORT: { level: 'warning', summary: 'CJS file sets __esModule and exports.default: Node.js ESM importers get the whole object as default' },
  TYPES_NOT_EXPORTED: { level: 'warning', summary: '"types" is set but the exports conditions resolve no type file, so moduleResolution bundler/node16 finds no types' },
  IMPORTS_KEY_INVALID: { level: 'error', summary: 'An "imports" key does not start with "#"' },
  IMPORTS_VALUE_INVALID: { level: 'error', summary: 'An "imports" value for a local file does not start with "./"' },
  IMPORTS_DEFAULT_SHOULD_BE_LAST: { level: 'error', summary: 'The "default" condition of an imports entry is not last' },
  IMPORTS_MODULE_SHOULD_PRECEDE_REQUIRE: { level: 'error', summary: 'The "module" condition of an imports entry comes after "require"' },
  IMPORTS_MODULE_SHOULD_BE_ESM: { level: 'error', summary: 'The "module" condition of an imports entry points at CommonJS code' },
  IMPORTS_FALLBACK_ARRAY_USE: { level: 'warning', summary: 'An imports value is an array' },
  IMPORTS_GLOB_NO_DEPRECATED_SUBPATH_MAPPING: { level: 'error', summary: 'An imports subpath folder mapping ends with "/"; use "*"' },
  BIN_FILE_NOT_EXECUTABLE: { level: 'error', summary: 'A "bin" file has no #! shebang, so it cannot run as a command' },
  LOCAL_DEPENDENCY: { level: 'error', summary: 'A dependency is a file: or link: path, which cannot be installed from the registry' },
  DEPRECATED_FIELD_JSNEXT: { level: 'warning', summary: '"jsnext:main"/"jsnext" are deprecated; use "module" or "exports"' },
  USE_TYPE: { level: 'suggestion', summary: '"type" is not set; state "module" or "commonjs" explicitly' },
  USE_LICENSE: { level: 'suggestion', summary: 'A LICENSE file is published but package.json has no "license"' },
  USE_FILES: { level: 'suggestion', summary: 'Tests or CI files would be published: add a "files" allow-list' },
  USE_SIDE_EFFECTS: { level: 'suggestion', summary: 'The package targets bundlers but does not declare "sideEffects"' },
  INVALID_REPOSITORY_VALUE: { level: 'warning', summary: '"repository" is not a valid shorthand or git URL (suggestion for deprecated or shorthand git URLs)' },
  NESTED_PACKAGE_JSON_FIELD_IGNORED: { level: 'warning', summary: 'A nested package.json sets "exports" or "imports", which Node.js ignores there' },
  USE_EXPORTS_BROWSER: { level: 'suggestion', summary: 'A string "browser" field beside "exports": use the "browser" export condition' },
  USE_EXPORTS_OR_IMPORTS_BROWSER: { level: 'suggestion', summary: 'An object "browser" field beside "exports": use "browser" conditions in exports/imports' },
  USE_ENGINES_NODE: { level: 'suggestion', summary: 'The package publishes CJS/Node.js code but does not declare engines.node' },
};

export const SEVERITY = { error: 'error', warning: 'warning', suggestion: 'info' } as const;

export const rules: RuleDoc[] = Object.entries(CODES).map(([id, c]) => ({
  id,
  severity: SEVERITY[c.level],
  summary: c.summary,
  docs: `${DOCS}#${id.toLowerCase()}`,
}));
