import semver from 'semver';
import { z } from 'zod';
import { analyzerOptions, contentArg, defineTool } from '@mcp/core-protocol';
import { ParseError, table, type Finding } from '@mcp/core-response';
import { entryOf, parseJsonTree, type JsonEntry, type JsonNode } from '../shared/json-tree';
import { DEP_GROUPS, RULE_DOCS, RULE_SEVERITY, rules } from './audit-package-json.rules';
import { nameProblem } from './package-name';
import { checkLicense } from './spdx-expression';

const input = z.object({ content: contentArg('The package.json to audit'), options: analyzerOptions({}) }).strict();

const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepare'];
// What makes an install script fetch and run code from the network.
const DOWNLOAD = /\b(curl|wget|Invoke-WebRequest|iwr|Invoke-RestMethod|irm)\b|\bfetch\s*\(|\bhttps?\.get\s*\(|\bnode\s+(-e|--eval|-p)\s[^|;&]*https?:\/\//i;
const PIPE_TO_SHELL = /\|\s*(sudo\s+)?(sh|bash|zsh|dash|ksh|node|python3?|perl|iex)\b|\b(sh|bash)\s+-c\s+["']?\$\(\s*(curl|wget)/i;

export const auditPackageJsonTool = defineTool({
  name: 'node_audit_package_json',
  title: 'package.json audit',
  description:
    'Lints a package.json like npm-package-json-lint: name format, duplicate properties, packages in both dependencies and devDependencies, ' +
    'git/tarball/file dependencies, loose ranges (*, latest), missing engines/type/files/license, invalid SPDX license, and install scripts that download or pipe into a shell.',
  input,
  rules,
  run({ content }) {
    const { value, root } = parseJsonTree(content);
    if (root.kind !== 'object' || typeof value !== 'object' || value === null) {
      throw new ParseError('package.json must be a JSON object', root.line, root.column);
    }
    const pkg = value as Record<string, unknown>;
    const findings: Finding[] = [];
    const add = (ruleId: string, message: string, line: number, column: number | undefined, fix: string, extra: Record<string, unknown> = {}) =>
      findings.push({ ruleId, severity: RULE_SEVERITY.get(ruleId)!, message, location: { line, column }, fix, docs: RULE_DOCS.get(ruleId), ...extra });

    // no-duplicate-properties: every object, at every depth (the anchor recurses too).
    const visit = (node: JsonNode, path: string) => {
      if (node.kind === 'object') {
        const seen = new Set<string>();
        for (const e of node.entries) {
          const where = path ? `${path}.${e.key}` : e.key;
          if (seen.has(e.key)) {
            add('no-duplicate-properties', `Property ${where} is defined more than once; the last value silently wins`, e.line, e.column, `Remove one of the ${where} properties`);
          }
          seen.add(e.key);
          visit(e.value, where);
        }
      } else if (node.kind === 'array') node.items.forEach((n, i) => visit(n, `${path}[${i}]`));
    };
    visit(root, '');

    const nameEntry = entryOf(root, 'name');
    if (nameEntry) {
      const problem = nameProblem(pkg.name);
      if (problem) add('name-format', `Package name ${JSON.stringify(pkg.name)}: ${problem}`, nameEntry.line, nameEntry.column, 'Use a lowercase, URL-safe name (optionally @scope/name) that is not a Node.js builtin');
    }

    for (const [field, id, fix] of [
      ['engines', 'require-engines', 'Add "engines": { "node": ">=20" } (the oldest Node.js version you test on)'],
      ['type', 'require-type', 'Add "type": "module" for ESM or "type": "commonjs" to state the default'],
      ['files', 'require-files', 'Add a "files" allow-list (e.g. ["dist"]) so only build output is published'],
      ['license', 'require-license', 'Add "license" with an SPDX id such as "MIT", or "UNLICENSED" for private code'],
    ] as const) {
      if (!Object.prototype.hasOwnProperty.call(pkg, field)) add(id, `${field} is missing from package.json`, root.line, root.column, fix);
    }

    const licenseEntry = entryOf(root, 'license');
    if (licenseEntry) {
      if (typeof pkg.license !== 'string') {
        add('valid-license', 'license must be a string SPDX expression, not an object or array (the old {type, url} form is deprecated)', licenseEntry.line, licenseEntry.column, 'Replace it with an SPDX id such as "MIT"');
      } else {
        const verdict = checkLicense(pkg.license);
        if (!verdict.valid) {
          add('valid-license', `license ${JSON.stringify(pkg.license)} is not a valid SPDX expression: ${verdict.reason}`, licenseEntry.line, licenseEntry.column,
            verdict.suggestion ? `Write the identifier as "${verdict.suggestion}" (SPDX ids are case-sensitive)` : 'Use an SPDX expression such as "MIT" or "(MIT OR Apache-2.0)", or "SEE LICENSE IN LICENSE.txt"');
        }
      }
    }

    // Dependency groups.
    const prodNames = new Set<string>();
    for (const group of DEP_GROUPS) {
      const groupEntry = entryOf(root, group.field);
      if (!groupEntry || groupEntry.value.kind !== 'object') continue;
      for (const dep of groupEntry.value.entries) {
        if (group.suffix === 'dependencies') prodNames.add(dep.key);
        if (dep.value.kind !== 'string') continue;
        checkSpec(dep, dep.value.value, group.field, group.suffix, add);
      }
    }
    const devEntry = entryOf(root, 'devDependencies');
    const depsEntry = entryOf(root, 'dependencies');
    if (devEntry?.value.kind === 'object' && depsEntry?.value.kind === 'object') {
      const prod = new Set(depsEntry.value.entries.map((e) => e.key));
      for (const dep of devEntry.value.entries) {
        if (prod.has(dep.key)) {
          add('no-repeated-dependencies', `${dep.key} is in both dependencies and devDependencies`, dep.line, dep.column,
            `Keep ${dep.key} in dependencies only if the published code needs it; otherwise remove it from dependencies`, { package: dep.key });
        }
      }
    }

    const scriptsEntry = entryOf(root, 'scripts');
    if (scriptsEntry?.value.kind === 'object') {
      for (const s of scriptsEntry.value.entries) {
        if (!INSTALL_SCRIPTS.includes(s.key) || s.value.kind !== 'string') continue;
        const cmd = s.value.value;
        const download = DOWNLOAD.exec(cmd);
        const pipe = PIPE_TO_SHELL.exec(cmd);
        if (download || pipe) {
          const via = download ? (download[1] ?? (/^node/i.test(download[0]) ? download[0].split(/\s+/).slice(0, 2).join(' ') : download[0].replace(/\s*\($/, '()'))) : '';
          const what = pipe ? `pipes into ${pipe[2] ?? pipe[4] ?? 'a shell'}` : `downloads with ${via}`;
          add('risky-lifecycle-script', `The ${s.key} script ${what}, so every install runs code fetched at install time: ${cmd}`, s.line, s.column,
            `Ship the needed files in the package (or fetch them in an explicit, documented setup step) instead of downloading in ${s.key}`, { script: s.key });
        }
      }
    }

    return { findings, metrics: { dependencies: prodNames.size, devDependencies: devEntry?.value.kind === 'object' ? devEntry.value.entries.length : 0 } };
  },
  render(envelope) {
    const byRule = new Map<string, number>();
    for (const f of envelope.findings) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
    return [table(['rule', 'findings'], [...byRule].sort(([a], [b]) => (a < b ? -1 : 1)))];
  },
});

type Add = (ruleId: string, message: string, line: number, column: number | undefined, fix: string, extra?: Record<string, unknown>) => void;

function checkSpec(dep: JsonEntry, spec: string, field: string, suffix: string, add: Add): void {
  const name = dep.key;
  const extra = { package: name };
  const s = spec.trim();
  if (/^(npm:|workspace:|catalog:)/.test(s)) return; // aliases and workspace protocols are fine
  if (/\.(tgz|tar\.gz|zip)$/.test(s) && !/^(git\+|git:|git@)/.test(s)) {
    add(`no-archive-${suffix}`, `${name} in ${field} is installed from a tarball URL (${s})`, dep.line, dep.column,
      `Publish ${name} to a registry and depend on a version range`, extra);
    return;
  }
  if (/^(file:|link:)/.test(s) || /^(\.{1,2}\/|\/|~\/)/.test(s)) {
    add(`no-file-${suffix}`, `${name} in ${field} is installed from a local path (${s})`, dep.line, dep.column,
      `Depend on a published version of ${name}, or use a workspace: range inside a monorepo`, extra);
    return;
  }
  if (/^(git\+|git:|git@|github:|gitlab:|bitbucket:|gist:)/.test(s) || /^https?:\/\//.test(s) || (/^[\w.-]+\/[\w.-]+(#.*)?$/.test(s) && semver.validRange(s) === null)) {
    add(`no-git-${suffix}`, `${name} in ${field} is installed from git (${s}), which is neither versioned nor integrity-checked by the registry`, dep.line, dep.column,
      `Depend on a published version of ${name}; if you need a fork, publish it under a scope`, extra);
    return;
  }
  const range = semver.validRange(s);
  if (range === '*' || s === '') {
    add(`no-loose-version-${suffix}`, `${name} in ${field} accepts any version (${JSON.stringify(spec)})`, dep.line, dep.column,
      `Pin ${name} to a caret range of the version you tested, e.g. "^x.y.z"`, extra);
  } else if (range === null && /^[a-z][\w.-]*$/i.test(s)) {
    add(`no-loose-version-${suffix}`, `${name} in ${field} follows the dist-tag "${s}", so every install may get a different major version`, dep.line, dep.column,
      `Replace "${s}" with a semver range of the version you tested`, extra);
  }
}
