import type { SyntaxNode } from '@lezer/common';
import { z } from 'zod';
import { analyzerOptions, contentArg, defineTool } from '@mcp/core-protocol';
import { table, type Finding } from '@mcp/core-response';
import { parsePython, type PyModule } from '../shared/parse';
import { ScopeWalker, type Binding, type Scope } from '../shared/scope';
import { callArgs, dottedName, functionParts, kids, lineOf, loc, params, statements, stringValue, textOf } from '../shared/syntax';
import { LINT_DOCS, LINT_RULES } from './lint-code.rules';

const MUTABLE_LITERALS = new Set([
  'ArrayExpression', 'DictionaryExpression', 'SetExpression',
  'ArrayComprehensionExpression', 'DictionaryComprehensionExpression', 'SetComprehensionExpression',
]);
/** flake8-bugbear's B006 call list. */
const MUTABLE_CALLS = new Set([
  'list', 'dict', 'set', 'Counter', 'OrderedDict', 'defaultdict', 'deque',
  'collections.Counter', 'collections.OrderedDict', 'collections.defaultdict', 'collections.deque',
]);

function finding(ruleId: string, message: string, location: Finding['location'], fix: string, extra: Record<string, unknown> = {}): Finding {
  const rule = LINT_DOCS.get(ruleId)!;
  return { ruleId, severity: rule.severity, message, location, fix, docs: rule.docs, ...extra };
}

/** pyflakes' checks on the shared scope model, plus the E/B rules that need the same walk. */
class Linter extends ScopeWalker {
  readonly findings: Finding[] = [];
  private readonly exported: Set<string>;

  constructor(m: PyModule) {
    super(m);
    this.exported = exportedNames(m);
  }

  protected override undefinedName(name: string, node: SyntaxNode): void {
    this.findings.push(finding('F821', `undefined name '${name}'`, loc(this.m, node), `Define or import '${name}' before use, or fix the spelling`, { name }));
  }

  protected override redefinition(b: Binding, existing: Binding): void {
    const line = lineOf(this.m, existing.node);
    this.findings.push(
      finding('F811', `redefinition of unused '${b.name}' from line ${line}`, loc(this.m, b.kind === 'import' ? b.node : b.stmt), `Remove the definition on line ${line} or rename one of them`, { name: b.name }),
    );
  }

  protected override unusedExcept(b: Binding): void {
    this.findings.push(finding('F841', `local variable '${b.name}' is assigned to but never used`, loc(this.m, b.node), `Drop 'as ${b.name}' or use the exception`, { name: b.name }));
  }

  protected override exitScope(scope: Scope): void {
    if (scope.kind === 'class') return;
    for (const b of scope.starImports) {
      if (!b.used) this.findings.push(finding('F401', `'${b.import!.display}' imported but unused`, loc(this.m, b.node), `Remove the star import from '${b.import!.module}'`, { name: b.import!.display }));
    }
    for (const b of scope.bindings.values()) {
      if (b.scope !== scope) continue;
      if (scope.kind === 'function' && (b.kind === 'assign' || b.kind === 'walrus' || b.kind === 'with') && !b.used && b.name !== '_' && !scope.globals.has(b.name) && !scope.usesLocals) {
        this.findings.push(finding('F841', `local variable '${b.name}' is assigned to but never used`, loc(this.m, b.node), `Remove the assignment to '${b.name}' or use it`, { name: b.name }));
      }
      if (b.kind === 'import' && !b.used && !(scope.kind === 'module' && this.exported.has(b.name))) {
        this.findings.push(
          finding('F401', `'${b.import!.display}' imported but unused`, loc(this.m, b.node), `Remove the import of '${b.import!.display}', or list '${b.name}' in __all__ if it is re-exported`, { name: b.import!.display }),
        );
      }
    }
  }

  protected override statement(n: SyntaxNode): void {
    if (n.name === 'FunctionDefinition') this.checkDefaults(n);
    else if (n.name === 'TryStatement') {
      const k = kids(n);
      k.forEach((c, i) => {
        if (c.name === 'except' && k[i + 1]?.name === 'Body') {
          this.findings.push(finding('E722', "do not use bare 'except'", loc(this.m, c), 'Catch a specific exception, or `except Exception:` if any error is meant'));
        }
      });
    }
  }

  protected override expression(n: SyntaxNode): void {
    if (n.name !== 'BinaryExpression') return;
    const k = kids(n);
    if (k.length !== 3 || k[1].name !== 'CompareOp') return;
    const op = textOf(this.m, k[1]);
    if (op !== '==' && op !== '!=') return;
    const right = k[2].name === 'None';
    const left = rightmost(k[0]).name === 'None';
    if (!left && !right) return;
    const subject = textOf(this.m, right ? k[0] : k[2]).slice(0, 60);
    const suggestion = op === '==' ? 'is None' : 'is not None';
    this.findings.push(
      finding('E711', `comparison to None should be 'if cond ${suggestion}:' (${subject} ${op} None)`, loc(this.m, k[1]), `Write \`${subject} ${suggestion}\``),
    );
  }

  private checkDefaults(n: SyntaxNode): void {
    const f = functionParts(n);
    const fname = textOf(this.m, f.name);
    for (const p of params(f.params)) {
      const d = p.default;
      if (!d) continue;
      let mutable = MUTABLE_LITERALS.has(d.name);
      if (d.name === 'CallExpression') {
        const callee = dottedName(this.m, kids(d)[0]);
        mutable = callee !== null && MUTABLE_CALLS.has(callee);
      }
      if (!mutable) continue;
      const pname = textOf(this.m, p.node);
      this.findings.push(
        finding('B006', `Do not use mutable data structures for argument defaults: parameter '${pname}' of '${fname}' defaults to ${textOf(this.m, d).slice(0, 40)}, created once and shared by every call`, loc(this.m, d), `Default '${pname}' to None and create the ${textOf(this.m, d).slice(0, 20)} inside '${fname}'`, { name: pname }),
      );
    }
  }
}

function rightmost(n: SyntaxNode): SyntaxNode {
  return n.name === 'BinaryExpression' ? rightmost(kids(n).at(-1)!) : n;
}

/** Names listed in a module-level `__all__` (assignment, +=, extend, append). */
export function exportedNames(m: PyModule): Set<string> {
  const out = new Set<string>();
  const collect = (n: SyntaxNode | undefined) => {
    if (!n) return;
    const direct = stringValue(m, n);
    if (direct !== null) return void out.add(direct);
    for (const c of kids(n)) {
      const v = stringValue(m, c);
      if (v !== null) out.add(v);
    }
  };
  for (const s of statements(m.top)) {
    const k = kids(s);
    if (!/^__all__\b/.test(textOf(m, s))) continue;
    if (s.name === 'AssignStatement' || s.name === 'UpdateStatement') collect(k[k.length - 1]);
    else if (s.name === 'ExpressionStatement' && k[0]?.name === 'CallExpression') {
      const [callee, args] = kids(k[0]);
      if (/^__all__\.(extend|append)$/.test(textOf(m, callee))) for (const a of callArgs(m, args).positional) collect(a);
    }
  }
  return out;
}

export function lintModule(m: PyModule): Finding[] {
  const linter = new Linter(m);
  linter.run();
  return linter.findings;
}

export const lintCode = defineTool({
  name: 'python_lint_code',
  title: 'Python lint (pyflakes, pycodestyle, bugbear)',
  description:
    'Lints Python 3 source like Ruff/pyflakes: unused imports (F401), redefinitions (F811), undefined names (F821), unused locals (F841), mutable argument defaults (B006), comparisons to None (E711) and bare except (E722), using real scopes and name binding.',
  input: z
    .object({
      content: contentArg('The Python source file to lint'),
      options: analyzerOptions({}),
    })
    .strict(),
  rules: LINT_RULES,
  run({ content }) {
    const m = parsePython(content);
    const findings = lintModule(m);
    const byRule: Record<string, number> = {};
    for (const f of findings) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
    return { findings, metrics: { lines: m.lines.lineCount, findingsByRule: byRule } };
  },
  render(env) {
    const byRule = (env.metrics?.findingsByRule ?? {}) as Record<string, number>;
    return [table(['rule', 'findings', 'meaning'], LINT_RULES.filter((r) => byRule[r.id]).map((r) => [r.id, byRule[r.id], r.summary]))];
  },
});
