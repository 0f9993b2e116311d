import type { SyntaxNode } from '@lezer/common';
import type { PyModule } from '../shared/parse';
import { ScopeWalker, type BindKind, type Binding } from '../shared/scope';
import { callArgs, dottedName, functionParts, ifBranches, kids, lineOf, params, statements, stringValue, textOf } from '../shared/syntax';

export type ItemType = 'import' | 'function' | 'class' | 'method' | 'property' | 'attribute' | 'variable' | 'unreachable_code';

export interface Item {
  name: string;
  type: ItemType;
  path: string;
  line: number;
  column: number;
  endLine: number;
  confidence: number;
  message: string;
}

const IGNORED_VARIABLES = new Set(['object', 'self']);
const PYTEST_FUNCTIONS = new Set(['setup_module', 'teardown_module', 'setup_function', 'teardown_function']);
const PYTEST_METHODS = new Set(['setup_class', 'teardown_class', 'setup_method', 'teardown_method']);
const special = (n: string) => n.startsWith('__') && n.endsWith('__');
const isTestFile = (p: string) => /(^|\/)tests?\/|(^|\/)test[^/]*\.py$|[-_]test\.py$/i.test(p);
const ignoreVariable = (n: string) => IGNORED_VARIABLES.has(n) || (n.startsWith('_') && !n.startsWith('__')) || special(n);

/**
 * vulture's Vulture visitor: definitions by kind and a flat set of used names, no scopes
 * (a name used anywhere, in any file, counts). Reuses the shared walker only for its
 * classification of each name as load, store, parameter, import, def or class.
 */
export class VultureScanner extends ScopeWalker {
  readonly defined: Item[] = [];
  private readonly path: string;

  constructor(
    m: PyModule,
    private readonly used: Set<string>,
  ) {
    super(m);
    this.path = m.path ?? '';
  }

  private define(name: string, type: ItemType, first: SyntaxNode, last: SyntaxNode, confidence: number, message?: string): void {
    const start = this.m.lines.position(first.from);
    let end = last.to;
    while (end > last.from && /\s/.test(this.m.text[end - 1])) end--;
    this.defined.push({ name, type, path: this.path, line: start.line, column: start.column, endLine: lineOf(this.m, Math.max(end - 1, last.from)), confidence, message: message ?? `unused ${type} '${name}'` });
  }

  protected override load(name: string): void {
    if (!IGNORED_VARIABLES.has(name)) this.used.add(name);
  }

  protected override attributeLoad(name: string): void {
    this.used.add(name);
  }

  protected override attributeStore(name: string, node: SyntaxNode, del: boolean): void {
    if (!del) this.define(name, 'attribute', node, node, 60);
  }

  protected override bind(name: string, kind: BindKind, node: SyntaxNode, stmt: SyntaxNode, extra: Partial<Binding> = {}): Binding {
    const binding = { name, kind, node, stmt, scope: this.scope, used: false, ...extra } as Binding;
    switch (kind) {
      case 'import': {
        const info = extra.import!;
        if (info.future) break;
        const isFrom = stmt.firstChild?.name === 'from';
        if (info.alias) this.used.add(isFrom ? info.fullName.split('.').pop()! : info.fullName);
        // vulture skips imports of __init__.py files: they collect a package's API.
        if (/(^|\/)__init__\.py$/.test(this.path)) break;
        this.define(info.alias ? name : isFrom ? name : info.fullName.split('.')[0], 'import', stmt, stmt, 90);
        break;
      }
      case 'def':
        this.defineFunction(name, stmt);
        break;
      case 'class': {
        if (!(isTestFile(this.path) && name.includes('Test'))) this.define(name, 'class', firstLine(stmt), stmt, 60);
        break;
      }
      case 'param':
        if (!ignoreVariable(name)) this.define(name, 'variable', node, node, 100);
        break;
      case 'except':
      case 'match':
      case 'typeparam':
      case 'global':
        break;
      default:
        if (!ignoreVariable(name)) this.define(name, 'variable', node, node, 60);
    }
    return binding;
  }

  private defineFunction(name: string, stmt: SyntaxNode): void {
    const f = functionParts(stmt);
    const decorators = f.decorators.map((d) => '@' + textOf(this.m, d.name === 'CallExpression' ? kids(d)[0] : d));
    const first = params(f.params, this.m.text)[0];
    const firstArg = first && first.kind === 'positional' && !first.positionalOnly ? textOf(this.m, first.node) : null;
    const test = isTestFile(this.path);
    const start = firstLine(stmt);
    if (decorators.includes('@property')) this.define(name, 'property', start, stmt, 60);
    else if (decorators.includes('@staticmethod') || decorators.includes('@classmethod') || firstArg === 'self') {
      if (!(special(name) || ((PYTEST_METHODS.has(name) || name.startsWith('test_')) && test))) this.define(name, 'method', start, stmt, 60);
    } else if (!((PYTEST_FUNCTIONS.has(name) || name.startsWith('test_')) && test)) this.define(name, 'function', start, stmt, 60);
  }

  // `x += 1` stores x without reading it in Python's AST, so vulture does not count a use.
  protected override visitAugAssign(n: SyntaxNode): void {
    const k = kids(n);
    for (const c of k.slice(2)) this.visitExpr(c);
    this.visitTarget(k[0], 'assign', n);
  }

  protected override visitScopeStatement(n: SyntaxNode): void {
    for (const c of kids(n)) if (c.name === 'VariableName') this.used.add(textOf(this.m, c));
  }

  protected override statement(n: SyntaxNode): void {
    if (n.name === 'AssignStatement') {
      const k = kids(n);
      if (k[0]?.name === 'VariableName' && textOf(this.m, k[0]) === '__all__') {
        for (const c of kids(k[k.length - 1])) {
          const v = stringValue(this.m, c);
          if (v !== null) this.used.add(v);
        }
      }
    } else if (n.name === 'IfStatement' || n.name === 'WhileStatement') this.conditional(n);
  }

  protected override expression(n: SyntaxNode): void {
    if (n.name === 'CallExpression') {
      const [callee, argList] = kids(n);
      const name = dottedName(this.m, callee);
      if (name === 'getattr' || name === 'hasattr') {
        const args = callArgs(this.m, argList).positional;
        const attr = args[1] ? stringValue(this.m, args[1]) : null;
        if (attr !== null && ((name === 'getattr' && args.length <= 3) || args.length === 2)) this.used.add(attr);
      }
    } else if (n.name === 'ConditionalExpression') {
      const k = kids(n);
      const test = k[2];
      if (test && conditionAlwaysTrue(this.m, test)) this.define('ternary', 'unreachable_code', k[4] ?? n, k[4] ?? n, 100, "unreachable 'else' expression");
      else if (test && conditionAlwaysFalse(this.m, test)) this.define('ternary', 'unreachable_code', n, k[0], 100, "unsatisfiable 'ternary' condition");
    }
  }

  protected override visitBody(body: SyntaxNode): void {
    const stmts = statements(body);
    const stop = stmts.findIndex((s) => /^(Return|Raise|Break|Continue)Statement$/.test(s.name));
    if (stop >= 0 && stop < stmts.length - 1) {
      const kw = stmts[stop].name.replace('Statement', '').toLowerCase();
      this.define(kw, 'unreachable_code', stmts[stop + 1], stmts[stmts.length - 1], 100, `unreachable code after '${kw}'`);
    }
    super.visitBody(body);
  }

  private conditional(n: SyntaxNode): void {
    const branches = ifBranches(n);
    const first = branches[0];
    if (!first?.test) return;
    const name = n.name === 'WhileStatement' ? 'while' : 'if';
    if (conditionAlwaysFalse(this.m, first.test)) {
      this.define(name, 'unreachable_code', n, first.body, 100, `unsatisfiable '${name}' condition`);
    } else if (conditionAlwaysTrue(this.m, first.test)) {
      const rest = branches.slice(1);
      if (rest.length) {
        const elseKw = kids(n).find((c) => c.name === 'else' || c.name === 'elif')!;
        this.define('else', 'unreachable_code', elseKw, rest[rest.length - 1].body, 100, "unreachable 'else' block");
      } else if (name === 'if') this.define(name, 'unreachable_code', n, n, 100, 'redundant if-condition');
    }
  }
}

/** A decorated definition starts at its first decorator (vulture's get_first_line_number). */
function firstLine(def: SyntaxNode): SyntaxNode {
  return def.parent?.name === 'DecoratedStatement' ? def.parent : def;
}

/** vulture's _safe_eval: literals evaluate, `not`/`and`/`or` combine, anything else is `fallback`. */
function safeEval(m: PyModule, n: SyntaxNode, fallback: boolean): boolean {
  const k = kids(n);
  switch (n.name) {
    case 'Boolean':
      return textOf(m, n) === 'True';
    case 'None':
      return false;
    case 'Number':
      return Number(textOf(m, n).replace(/_/g, '').replace(/[jJ]$/, '')) !== 0;
    case 'String':
    case 'ContinuedString': {
      const v = stringValue(m, n);
      return v === null ? fallback : v.length > 0;
    }
    case 'ParenthesizedExpression':
      return k.length === 3 ? safeEval(m, k[1], fallback) : fallback;
    case 'UnaryExpression':
      return k[0].name === 'not' ? !safeEval(m, k[1], !fallback) : fallback;
    case 'BinaryExpression':
      if (k[1]?.name === 'and') return safeEval(m, k[0], fallback) && safeEval(m, k[2], fallback);
      if (k[1]?.name === 'or') return safeEval(m, k[0], fallback) || safeEval(m, k[2], fallback);
      return fallback;
    case 'ArrayExpression':
    case 'TupleExpression':
    case 'DictionaryExpression':
      return k.length > 2 ? fallback : false;
    default:
      return fallback;
  }
}

export const conditionAlwaysFalse = (m: PyModule, n: SyntaxNode) => !safeEval(m, n, true);
export const conditionAlwaysTrue = (m: PyModule, n: SyntaxNode) => safeEval(m, n, false);
