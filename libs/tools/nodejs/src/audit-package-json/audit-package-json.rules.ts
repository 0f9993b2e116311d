import type { RuleDoc } from '@mcp/core-protocol';

const NPJL = 'https://npmpackagejsonlint.org/docs/rules';
const doc = (id: string) => `${NPJL}/${id}`;

/** Dependency groups checked, and the suffix of the rule ids that report them. */
export const DEP_GROUPS = [
  { field: 'dependencies', suffix: 'dependencies' },
  // Optional dependencies install in production like `dependencies`: same ids.
  { field: 'optionalDependencies', suffix: 'dependencies' },
  { field: 'devDependencies', suffix: 'devDependencies' },
] as const;

const depRules = (base: string, severity: RuleDoc['severity'], summary: string, anchorDocs: boolean): RuleDoc[] =>
  (['dependencies', 'devDependencies'] as const).map((suffix) => ({
    id: `${base}-${suffix}`,
    severity,
    summary: `${summary} (${suffix})`,
    ...(anchorDocs ? { docs: doc(`dependencies/${base}-${suffix}`) } : {}),
  }));

export const rules: RuleDoc[] = [
  { id: 'name-format', severity: 'error', summary: 'name is not valid for a new npm package (validate-npm-package-name)', docs: doc('format/name-format') },
  { id: 'no-duplicate-properties', severity: 'error', summary: 'A property appears twice in the same object; JSON readers silently keep the last one', docs: doc('misc/no-duplicate-properties') },
  { id: 'no-repeated-dependencies', severity: 'error', summary: 'A package is in both dependencies and devDependencies', docs: doc('dependencies/no-repeated-dependencies') },
  ...depRules('no-git', 'warning', 'A dependency is installed from a git repository or a user/repo shorthand', true),
  ...depRules('no-archive', 'warning', 'A dependency is installed from a tarball URL', true),
  ...depRules('no-file', 'warning', 'A dependency is installed from a local path (file:, link:)', true),
  ...depRules('no-loose-version', 'warning', 'A dependency accepts any version (*, x, empty) or follows a dist-tag such as latest', false),
  { id: 'require-engines', severity: 'warning', summary: 'engines is missing: consumers cannot tell which Node.js versions are supported', docs: doc('required-node/require-engines') },
  { id: 'require-type', severity: 'warning', summary: 'type is missing: .js files are CommonJS by default, which is rarely stated on purpose', docs: doc('required-node/require-type') },
  { id: 'require-files', severity: 'warning', summary: 'files is missing: everything not in .npmignore gets published', docs: doc('required-node/require-files') },
  { id: 'require-license', severity: 'warning', summary: 'license is missing', docs: doc('required-node/require-license') },
  { id: 'valid-license', severity: 'error', summary: 'license is not a valid SPDX expression (UNLICENSED and SEE LICENSE IN <file> are valid)', docs: 'https://docs.npmjs.com/cli/v10/configuring-npm/package-json#license' },
  { id: 'risky-lifecycle-script', severity: 'error', summary: 'An install-time script (preinstall, install, postinstall, prepare) downloads code or pipes into a shell', docs: 'https://docs.npmjs.com/cli/v10/using-npm/scripts#best-practices' },
];

export const RULE_SEVERITY = new Map(rules.map((r) => [r.id, r.severity]));
export const RULE_DOCS = new Map(rules.map((r) => [r.id, r.docs]));
