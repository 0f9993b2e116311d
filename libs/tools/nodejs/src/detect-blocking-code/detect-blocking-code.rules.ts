import type { RuleDoc } from '@mcp/core-protocol';

export const rules: RuleDoc[] = [
  { id: 'no-sync', severity: 'warning', summary: 'A synchronous fs/crypto/zlib/child_process call (*Sync) outside the module top level blocks the event loop for every request', docs: 'https://github.com/eslint-community/eslint-plugin-n/blob/master/docs/rules/no-sync.md' },
  { id: 'no-await-in-loop', severity: 'warning', summary: 'await inside a loop body runs the iterations one after another; batch them with Promise.all (bounded)', docs: 'https://eslint.org/docs/latest/rules/no-await-in-loop' },
  { id: 'unbounded-promise-all', severity: 'warning', summary: 'Promise.all/allSettled over a map of request-derived or unbounded input starts every task at once, with no concurrency limit' },
  { id: 'json-parse-without-limit', severity: 'warning', summary: 'JSON.parse of a request body that was read without a size limit: one large body blocks the event loop and exhausts memory' },
  { id: 'redos', severity: 'error', summary: 'A regular expression with exponential (error) or polynomial (warning) backtracking on crafted input' },
];
