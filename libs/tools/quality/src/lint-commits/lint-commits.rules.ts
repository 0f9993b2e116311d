import type { RuleDoc } from '@mcp/core-protocol';
import type { Finding } from '@mcp/core-response';
import { ensureCase, type CaseName } from './case';
import type { ParsedCommit } from './commit-parser';

const DOCS = 'https://commitlint.js.org/reference/rules.html';
export const TYPES = ['build', 'chore', 'ci', 'docs', 'feat', 'fix', 'perf', 'refactor', 'revert', 'style', 'test'];
const MAX = 100;

export const rules: RuleDoc[] = [
  { id: 'type-enum', severity: 'error', summary: `type must be one of ${TYPES.join(', ')}`, docs: `${DOCS}#type-enum` },
  { id: 'type-case', severity: 'error', summary: 'type must be lower-case', docs: `${DOCS}#type-case` },
  { id: 'type-empty', severity: 'error', summary: 'type may not be empty', docs: `${DOCS}#type-empty` },
  { id: 'subject-case', severity: 'error', summary: 'subject must not be sentence-case, start-case, pascal-case or upper-case', docs: `${DOCS}#subject-case` },
  { id: 'subject-empty', severity: 'error', summary: 'subject may not be empty', docs: `${DOCS}#subject-empty` },
  { id: 'subject-full-stop', severity: 'error', summary: 'subject may not end with a full stop', docs: `${DOCS}#subject-full-stop` },
  { id: 'header-max-length', severity: 'error', summary: `header must not be longer than ${MAX} characters`, docs: `${DOCS}#header-max-length` },
  { id: 'body-max-line-length', severity: 'error', summary: `body lines must not be longer than ${MAX} characters`, docs: `${DOCS}#body-max-line-length` },
  { id: 'footer-max-line-length', severity: 'error', summary: `footer lines must not be longer than ${MAX} characters`, docs: `${DOCS}#footer-max-line-length` },
  { id: 'body-leading-blank', severity: 'warning', summary: 'body must have a leading blank line', docs: `${DOCS}#body-leading-blank` },
  { id: 'footer-leading-blank', severity: 'warning', summary: 'footer must have a leading blank line', docs: `${DOCS}#footer-leading-blank` },
  { id: 'breaking-change-footer', severity: 'warning', summary: 'a breaking-change note must be written as a `BREAKING CHANGE: <description>` footer', docs: 'https://www.conventionalcommits.org/en/v1.0.0/#specification' },
  { id: 'scope-case', severity: 'error', summary: 'scope must be in the configured case (only with options.rules)', docs: `${DOCS}#scope-case` },
  { id: 'scope-enum', severity: 'error', summary: 'scope must be one of the configured scopes (only with options.rules)', docs: `${DOCS}#scope-enum` },
];
const docsOf = (id: string) => rules.find((r) => r.id === id)?.docs;

export interface ScopeRules {
  'scope-case'?: CaseName | CaseName[];
  'scope-enum'?: string[];
}

const URL = /\bhttps?:\/\/\S+/;
const NEVER_SUBJECT: CaseName[] = ['sentence-case', 'start-case', 'pascal-case', 'upper-case'];
// Misspelt breaking-change markers; the exact `BREAKING CHANGE:` / `BREAKING-CHANGE:` forms are fine.
const BREAKING_LIKE = /^\s*(?:\*\s+)?(breaking[\s_-]*changes?|breaking)\s*[:!-]/i;

export function lintCommit(c: ParsedCommit, scopeRules: ScopeRules | undefined): Finding[] {
  const out: Finding[] = [];
  const headerLine = c.lines.findIndex((l) => l.trim() !== '') + 1 || 1;
  const head = JSON.stringify(c.header.length > 72 ? `${c.header.slice(0, 69)}...` : c.header);
  const add = (ruleId: string, severity: Finding['severity'], message: string, line: number, fix: string) =>
    out.push({ ruleId, severity, message, location: { line }, fix, docs: docsOf(ruleId) });

  if (!c.type) add('type-empty', 'error', `type may not be empty in ${head}`, headerLine, 'Start the header with a type: `<type>(<scope>): <subject>`, e.g. `fix(api): handle empty body`.');
  if (!c.subject) add('subject-empty', 'error', `subject may not be empty in ${head}`, headerLine, 'Write a short imperative summary after `<type>: `.');
  if (c.type) {
    if (!ensureCase(c.type, 'lower-case')) add('type-case', 'error', `type '${c.type}' must be lower-case`, headerLine, `Write the type as '${c.type.toLowerCase()}'.`);
    if (!TYPES.includes(c.type)) add('type-enum', 'error', `type '${c.type}' must be one of [${TYPES.join(', ')}]`, headerLine, `Use one of ${TYPES.join(', ')}${TYPES.includes(c.type.toLowerCase()) ? ` (here '${c.type.toLowerCase()}')` : ''}.`);
  }
  if (c.subject && /^[\p{Ll}\p{Lu}\p{Lt}]/iu.test(c.subject)) {
    const matched = NEVER_SUBJECT.filter((k) => ensureCase(c.subject as string, k));
    if (matched.length) add('subject-case', 'error', `subject "${c.subject}" must not be ${matched.join(', ')}`, headerLine, 'Start the subject with a lower-case letter, e.g. `add retry to uploads`.');
  }
  const colon = c.header.indexOf(':');
  if (c.header && !(colon > 0 && colon === c.header.length - 1) && c.header.endsWith('.') && !c.header.endsWith('...')) {
    add('subject-full-stop', 'error', `subject may not end with full stop in ${head}`, headerLine, 'Remove the trailing period from the header.');
  }
  if (c.header.length > MAX) add('header-max-length', 'error', `header must not be longer than ${MAX} characters, current length is ${c.header.length}: ${head}`, headerLine, `Shorten the header to at most ${MAX} characters; move details into the body.`);

  const lineLimit = (ruleId: string, part: string | null, start: number, what: string) => {
    if (!part) return;
    part.split('\n').forEach((line, k) => {
      if (line.length > MAX && !URL.test(line)) {
        add(ruleId, 'error', `${what} line ${start + k} is ${line.length} characters long; ${what} lines must not be longer than ${MAX} characters`, start + k, `Wrap ${what} lines at ${MAX} characters.`);
      }
    });
  };
  lineLimit('body-max-line-length', c.body, c.bodyLine, 'body');
  lineLimit('footer-max-line-length', c.footer, c.footerLine, 'footer');

  if (c.body && c.lines[headerLine] !== undefined && c.lines[headerLine] !== '') {
    add('body-leading-blank', 'warning', `body must have leading blank line after ${head}`, headerLine + 1, 'Insert an empty line between the header and the body.');
  }
  if (c.footer) {
    const idx = c.lines.indexOf(c.footer.split('\n')[0]);
    if (idx >= 1 && c.lines[idx - 1] !== '') {
      add('footer-leading-blank', 'warning', `footer "${c.lines[idx]}" must have leading blank line`, idx + 1, 'Insert an empty line before the footer.');
    }
  }
  c.lines.forEach((line, k) => {
    if (k < headerLine) return;
    const m = BREAKING_LIKE.exec(line);
    if (m && !/^(?:\*\s+)?(BREAKING CHANGE|BREAKING-CHANGE):\s/.test(line.trimStart())) {
      add('breaking-change-footer', 'warning', `breaking-change note "${m[0].trim()}" is not the Conventional Commits footer form`, k + 1, 'Write it as a footer `BREAKING CHANGE: <description>` (upper case, one space, colon), after a blank line.');
    }
  });

  if (c.scope && scopeRules) {
    const scopes = c.scope.split(/\/|\\|, ?/);
    const caseRule = scopeRules['scope-case'];
    if (caseRule) {
      const cases = Array.isArray(caseRule) ? caseRule : [caseRule];
      const bad = scopes.filter((s) => !cases.some((k) => ensureCase(s, k)));
      if (bad.length) add('scope-case', 'error', `scope '${c.scope}' must be ${cases.join(', ')}`, headerLine, `Write the scope in ${cases[0]}.`);
    }
    const allowed = scopeRules['scope-enum'];
    if (allowed && allowed.length) {
      const bad = scopes.filter((s) => !allowed.includes(s));
      if (bad.length) add('scope-enum', 'error', `scope '${bad.join(', ')}' must be one of [${allowed.join(', ')}]`, headerLine, `Use one of the scopes ${allowed.join(', ')}.`);
    }
  }
  return out;
}
