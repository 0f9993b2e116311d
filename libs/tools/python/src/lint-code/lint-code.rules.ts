import type { RuleDoc } from '@mcp/core-protocol';

const ruff = (slug: string) => `https://docs.astral.sh/ruff/rules/${slug}/`;

/** Every id python_lint_code reports: pyflakes (F), pycodestyle (E) and flake8-bugbear (B). */
export const LINT_RULES: RuleDoc[] = [
  { id: 'F401', severity: 'warning', summary: 'Module imported but unused', docs: ruff('unused-import') },
  { id: 'F811', severity: 'warning', summary: 'Redefinition of an unused name (function, class or import)', docs: ruff('redefined-while-unused') },
  { id: 'F821', severity: 'error', summary: 'Undefined name', docs: ruff('undefined-name') },
  { id: 'F841', severity: 'warning', summary: 'Local variable (or `except … as e` name) assigned to but never used', docs: ruff('unused-variable') },
  { id: 'B006', severity: 'warning', summary: 'Mutable data structure (literal or list()/dict()/set() call) as an argument default', docs: ruff('mutable-argument-default') },
  { id: 'E711', severity: 'warning', summary: 'Comparison to None with == or != instead of `is`', docs: ruff('none-comparison') },
  { id: 'E722', severity: 'warning', summary: "Bare 'except:' catches SystemExit and KeyboardInterrupt too", docs: ruff('bare-except') },
];
export const LINT_DOCS = new Map(LINT_RULES.map((r) => [r.id, r]));
