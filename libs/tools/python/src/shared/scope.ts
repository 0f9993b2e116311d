import type { SyntaxNode } from '@lezer/common';
import type { PyModule } from './parse';
import { classParts, functionParts, kids, params, stringValue, textOf, dottedName } from './syntax';

export type ScopeKind = 'module' | 'class' | 'function' | 'lambda' | 'comprehension' | 'type';

/**
 * What bound a name, with pyflakes' distinctions: `assign` is its Assignment (the only kind
 * F841 reports), `unpack`/`for`/`comp` are plain Bindings, `def`/`class`/`import` are
 * Definitions (the kinds F811 compares).
 */
export type BindKind =
  | 'import' | 'def' | 'class' | 'assign' | 'walrus' | 'annotation' | 'unpack' | 'for' | 'comp'
  | 'with' | 'except' | 'param' | 'global' | 'match' | 'typeparam' | 'export';

export interface ImportInfo {
  /** `os.path` for `import os.path`, `a.b` for `from a import b`, `.x.y` for relative. */
  fullName: string;
  /** The module as written after `from` (or the imported module for `import`). */
  module: string;
  submodule: boolean;
  alias: boolean;
  future: boolean;
  /** How pyflakes prints it: `os.path`, `a.b as c`. */
  display: string;
}

export interface Binding {
  name: string;
  kind: BindKind;
  /** The name's node (or the statement for imports). */
  node: SyntaxNode;
  stmt: SyntaxNode;
  scope: Scope;
  used: boolean;
  import?: ImportInfo;
  /** A def decorated with typing.overload: redefinitions are expected. */
  overload?: boolean;
}

export class Scope {
  readonly bindings = new Map<string, Binding>();
  readonly globals = new Set<string>();
  usesLocals = false;
  importStar = false;
  readonly starImports: Binding[] = [];
  constructor(
    readonly kind: ScopeKind,
    readonly node: SyntaxNode,
    readonly parent: Scope | null,
  ) {}
}

const MODULE_NAMES = new Set(['__file__', '__name__', '__doc__', '__package__', '__spec__', '__loader__', '__builtins__', '__annotations__', '__path__', '__debug__', 'WindowsError', '__cached__']);
/** pyflakes' FunctionScope.alwaysUsed. */
const ALWAYS_USED = ['__tracebackhide__', '__traceback_info__', '__traceback_supplement__'];
const CLASS_NAMES = new Set(['__module__', '__qualname__']);

/**
 * pyflakes' name-binding model on the Lezer tree: scopes, bindings in source order, function
 * and lambda bodies deferred until the module is complete (so a function may use a name
 * bound later at module level), class bodies run in place, comprehensions in their own
 * scope, and usage recorded on the binding it resolves to. Subclasses report on it.
 */
export class ScopeWalker {
  protected stack: Scope[] = [];
  private deferred: { stack: Scope[]; run: () => void }[] = [];
  protected futureAnnotations = false;
  /** Depth of `if TYPE_CHECKING:` bodies and of `try` bodies guarded by `except ImportError`. */
  protected guardedImports = 0;
  private annotationDepth = 0;
  private nameErrorGuard = 0;

  constructor(protected readonly m: PyModule) {}

  run(): void {
    const module = new Scope('module', this.m.top, null);
    this.stack = [module];
    this.futureAnnotations = /^\s*from\s+__future__\s+import\s+[^#\n]*\bannotations\b/m.test(this.m.text);
    this.enterScope(module);
    this.visitBody(this.m.top);
    // An index, not shift(): shifting a long queue is quadratic on big modules.
    for (let i = 0; i < this.deferred.length; i++) {
      const job = this.deferred[i];
      this.stack = job.stack;
      job.run();
    }
    this.deferred = [];
    this.typeComments(module);
    this.stack = [module];
    // pyflakes checks scopes once everything deferred has run: a lambda may use a local later.
    this.dead.push(module);
    for (const s of this.dead) this.exitScope(s);
  }

  private dead: Scope[] = [];

  /** Names in `# type:` comments (PEP 484) count as used, as pyflakes parses those comments. */
  private typeComments(module: Scope): void {
    if (!this.m.text.includes('type:')) return;
    this.m.tree.iterate({
      enter: (n) => {
        if (n.name !== 'Comment') return;
        const match = /^#\s*type:\s*(.*)$/.exec(this.m.text.slice(n.from, n.to));
        if (!match || /^ignore\b/.test(match[1])) return;
        for (const name of match[1].match(/(?<![.\w])[A-Za-z_]\w*/g) ?? []) {
          const b = module.bindings.get(name);
          if (b) b.used = true;
        }
      },
    });
  }

  // ---- hooks for subclasses ----
  protected enterScope(_scope: Scope): void {}
  protected exitScope(_scope: Scope): void {}
  protected undefinedName(_name: string, _node: SyntaxNode): void {}
  protected redefinition(_binding: Binding, _existing: Binding): void {}
  protected unusedExcept(_binding: Binding): void {}
  protected statement(_node: SyntaxNode): void {}
  protected expression(_node: SyntaxNode): void {}

  protected get scope(): Scope {
    return this.stack[this.stack.length - 1];
  }

  protected defer(run: () => void): void {
    this.deferred.push({ stack: [...this.stack], run });
  }

  protected push(kind: ScopeKind, node: SyntaxNode): Scope {
    const s = new Scope(kind, node, this.scope);
    if (kind === 'function') for (const name of ALWAYS_USED) s.globals.add(name);
    this.stack.push(s);
    this.enterScope(s);
    return s;
  }

  protected pop(): void {
    this.dead.push(this.stack.pop()!);
  }

  // ---- names ----
  protected load(name: string, node: SyntaxNode): void {
    let onlyComprehensions = true;
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const s = this.stack[i];
      if (s.kind === 'class' && s !== this.scope && !onlyComprehensions) continue;
      onlyComprehensions = onlyComprehensions && s.kind === 'comprehension';
      const b = s.bindings.get(name);
      if (b) {
        b.used = true;
        return;
      }
    }
    if (name === 'locals' && this.scope.kind === 'function') this.scope.usesLocals = true;
    if (BUILTINS.has(name) || MODULE_NAMES.has(name)) return;
    if (CLASS_NAMES.has(name) && this.stack.some((s) => s.kind === 'class')) return;
    if (name === '__class__' && this.stack.some((s) => s.kind === 'class')) return;
    // pyflakes: a name inside `try:` guarded by `except NameError` may be undefined on purpose.
    if (this.nameErrorGuard > 0) return;
    const starred = this.stack.filter((s) => s.importStar);
    if (starred.length) {
      for (const s of starred) for (const b of s.starImports) b.used = true;
      return;
    }
    this.undefinedName(name, node);
  }

  protected bind(name: string, kind: BindKind, node: SyntaxNode, stmt: SyntaxNode, extra: Partial<Binding> = {}): Binding {
    let target = this.stack.length - 1;
    if (kind === 'walrus') while (target > 0 && this.stack[target].kind === 'comprehension') target--;
    const scope = this.stack[target];
    const binding: Binding = { name, kind, node, stmt, scope, used: false, ...extra };
    if (scope.globals.has(name) && kind !== 'global') {
      // `global x; x = 1` binds the module's x.
      const module = this.stack[0];
      const existing = module.bindings.get(name);
      binding.used = true;
      if (!existing || existing.kind === 'global') module.bindings.set(name, { ...binding, scope: module });
      scope.bindings.set(name, binding);
      return binding;
    }
    let existing: Binding | undefined;
    let existingScope: Scope | undefined;
    for (let i = this.stack.length - 1; i >= 0; i--) {
      existing = this.stack[i].bindings.get(name);
      if (existing) {
        existingScope = this.stack[i];
        break;
      }
    }
    if (existing && existingScope === scope && !differentForks(existing.stmt, stmt)) {
      if (!existing.used && redefines(binding, existing) && (name !== '_' || existing.kind === 'import') && !existing.overload) {
        this.redefinition(binding, existing);
      }
    }
    const current = scope.bindings.get(name);
    if (current) binding.used = binding.used || current.used;
    if (!current || kind !== 'annotation') scope.bindings.set(name, binding);
    return binding;
  }

  // ---- statements ----
  protected visitBody(body: SyntaxNode): void {
    for (const c of kids(body)) {
      if (c.name === ':' ) continue;
      this.visitStatement(c);
    }
  }

  protected visitStatement(n: SyntaxNode): void {
    this.statement(n);
    switch (n.name) {
      case 'StatementGroup':
        for (const c of kids(n)) if (c.name !== ';') this.visitStatement(c);
        return;
      case 'AssignStatement':
        return this.visitAssign(n);
      case 'UpdateStatement':
        return this.visitAugAssign(n);
      case 'DeleteStatement':
        for (const c of kids(n)) if (c.name !== 'del' && c.name !== ',') this.visitTarget(c, 'assign', n, true);
        return;
      case 'ImportStatement':
        return this.visitImport(n);
      case 'ScopeStatement':
        return this.visitScopeStatement(n);
      case 'TypeDefinition':
        return this.visitTypeAlias(n);
      case 'IfStatement':
      case 'WhileStatement':
        return this.visitIf(n);
      case 'ForStatement':
        return this.visitFor(n);
      case 'TryStatement':
        return this.visitTry(n);
      case 'WithStatement':
        return this.visitWith(n);
      case 'FunctionDefinition':
        return this.visitFunction(n);
      case 'ClassDefinition':
        return this.visitClass(n);
      case 'DecoratedStatement':
        for (const c of kids(n)) if (c.name !== 'Decorator') this.visitStatement(c);
        return;
      case 'MatchStatement':
        return this.visitMatch(n);
      case 'PassStatement':
      case 'BreakStatement':
      case 'ContinueStatement':
        return;
      default:
        for (const c of kids(n)) this.visitExpr(c);
    }
  }

  protected visitAssign(n: SyntaxNode): void {
    const k = kids(n);
    const segments: SyntaxNode[][] = [[]];
    let annotation: SyntaxNode | undefined;
    for (const c of k) {
      if (c.name === 'AssignOp') segments.push([]);
      else if (c.name === 'TypeDef') annotation = kids(c).find((x) => x.name !== ':');
      else segments[segments.length - 1].push(c);
    }
    if (segments.length === 1) {
      // `x: int` declares without binding a value.
      this.visitAnnotation(annotation);
      this.visitTargetList(segments[0], 'annotation', n);
      return;
    }
    const value = segments[segments.length - 1];
    const targets = segments.slice(0, -1);
    if (annotation) {
      this.visitTargetList(targets[0], 'assign', n);
      this.visitAnnotation(annotation);
      for (const c of value) this.visitExpr(c);
      return;
    }
    for (const c of value) this.visitExpr(c);
    const literalUnpack = isTuple(value) && targets.every(isTuple);
    for (const t of targets) {
      if (t.length === 1 && t[0].name === 'VariableName' && textOf(this.m, t[0]) === '__all__' && this.scope.kind === 'module') {
        this.bind('__all__', 'export', t[0], n);
        continue;
      }
      this.visitTargetList(t, isTuple(t) && !literalUnpack ? 'unpack' : 'assign', n, literalUnpack);
    }
  }

  protected visitAugAssign(n: SyntaxNode): void {
    const k = kids(n);
    const target = k[0];
    if (target.name === 'VariableName') this.load(textOf(this.m, target), target);
    for (const c of k.slice(2)) this.visitExpr(c);
    if (target.name === 'VariableName' && textOf(this.m, target) === '__all__' && this.scope.kind === 'module') return;
    this.visitTarget(target, 'assign', n);
  }

  /** A comma-separated list of targets (`a, b = ...`, `for a, b in`). */
  protected visitTargetList(list: SyntaxNode[], kind: BindKind, stmt: SyntaxNode, literalUnpack = false): void {
    const items = list.filter((c) => c.name !== ',' && c.name !== '*');
    // pyflakes: `a, b = 1, 2` binds Assignments (reported when unused), other unpacking plain Bindings.
    const k = items.length > 1 && kind === 'assign' && !literalUnpack ? 'unpack' : kind;
    for (const c of items) this.visitTarget(c, k, stmt);
  }

  protected visitTarget(n: SyntaxNode, kind: BindKind, stmt: SyntaxNode, del = false): void {
    switch (n.name) {
      case 'VariableName':
        if (del) this.load(textOf(this.m, n), n);
        else this.bind(textOf(this.m, n), kind, n, stmt);
        return;
      case 'TupleExpression':
      case 'ArrayExpression':
      case 'ParenthesizedExpression':
        for (const c of kids(n)) {
          if (['(', ')', '[', ']', ',', '*'].includes(c.name)) continue;
          this.visitTarget(c, kind === 'assign' || kind === 'with' ? 'unpack' : kind, stmt, del);
        }
        return;
      case 'MemberExpression': {
        const k = kids(n);
        this.visitExpr(k[0]);
        if (k[1]?.name === '.') this.attributeStore(textOf(this.m, k[2]), k[2], del);
        else for (const c of k.slice(1)) this.visitExpr(c);
        return;
      }
      default:
        this.visitExpr(n);
    }
  }

  protected attributeStore(_name: string, _node: SyntaxNode, _del: boolean): void {}
  protected attributeLoad(_name: string, _node: SyntaxNode): void {}

  protected visitImport(n: SyntaxNode): void {
    for (const imp of importsOf(this.m, n)) {
      if (imp.star) {
        this.scope.importStar = true;
        this.scope.starImports.push({ name: '*', kind: 'import', node: imp.node, stmt: n, scope: this.scope, used: this.guardedImports > 0, import: imp.info });
        continue;
      }
      const b = this.bind(imp.bound, 'import', imp.node, n, { import: imp.info });
      if (imp.info.future || this.guardedImports > 0) b.used = true;
    }
  }

  protected visitScopeStatement(n: SyntaxNode): void {
    const k = kids(n);
    const isGlobal = k[0].name === 'global';
    for (const c of k) {
      if (c.name !== 'VariableName') continue;
      const name = textOf(this.m, c);
      this.scope.globals.add(name);
      if (isGlobal && this.stack.length > 1) {
        const module = this.stack[0];
        if (!module.bindings.has(name)) module.bindings.set(name, { name, kind: 'global', node: c, stmt: n, scope: module, used: true });
        this.scope.bindings.set(name, { name, kind: 'global', node: c, stmt: n, scope: this.scope, used: true });
      }
    }
  }

  protected visitTypeAlias(n: SyntaxNode): void {
    const k = kids(n);
    const name = k.find((c) => c.name === 'VariableName')!;
    this.bind(textOf(this.m, name), 'assign', name, n).used = true;
    const typeParams = k.find((c) => c.name === 'TypeParamList');
    const value = k[k.length - 1];
    this.push('type', n);
    if (typeParams) this.visitTypeParams(typeParams);
    this.visitExpr(value);
    this.pop();
  }

  protected visitTypeParams(list: SyntaxNode): void {
    for (const p of kids(list)) {
      if (p.name !== 'TypeParam') continue;
      const k = kids(p);
      const name = k.find((c) => c.name === 'VariableName');
      const bound = k.find((c) => c.name === 'TypeDef');
      if (bound) this.visitAnnotation(kids(bound).find((x) => x.name !== ':'));
      if (name) this.bind(textOf(this.m, name), 'typeparam', name, p).used = true;
    }
  }

  protected visitIf(n: SyntaxNode): void {
    let typeChecking = false;
    for (const c of kids(n)) {
      if (c.name === 'Body') {
        if (typeChecking) this.guardedImports++;
        this.visitBody(c);
        if (typeChecking) this.guardedImports--;
        typeChecking = false;
      } else if (!['if', 'elif', 'else', 'while'].includes(c.name)) {
        typeChecking = /^(typing\.)?TYPE_CHECKING$/.test(textOf(this.m, c));
        this.visitExpr(c);
      }
    }
  }

  protected visitFor(n: SyntaxNode): void {
    const k = kids(n);
    const inAt = k.findIndex((c) => c.name === 'in');
    const bodyAt = k.findIndex((c) => c.name === 'Body');
    for (const c of k.slice(inAt + 1, bodyAt)) this.visitExpr(c);
    this.visitTargetList(k.slice(0, inAt).filter((c) => c.name !== 'for' && c.name !== 'async'), 'for', n);
    for (const c of k.slice(bodyAt)) if (c.name === 'Body') this.visitBody(c);
  }

  protected visitTry(n: SyntaxNode): void {
    const k = kids(n);
    const guarded = k.some((c, i) => k[i - 1]?.name === 'except' && /\b(ImportError|ModuleNotFoundError)\b/.test(textOf(this.m, c)));
    const nameError = k.some((c, i) => k[i - 1]?.name === 'except' && /\bNameError\b/.test(textOf(this.m, c)));
    let i = 0;
    while (i < k.length) {
      const c = k[i];
      if (c.name === 'try') {
        if (guarded) this.guardedImports++;
        if (nameError) this.nameErrorGuard++;
        this.visitBody(k[i + 1]);
        if (guarded) this.guardedImports--;
        if (nameError) this.nameErrorGuard--;
        i += 2;
      } else if (c.name === 'except') {
        i++;
        if (k[i]?.name === '*') i++;
        let asName: SyntaxNode | undefined;
        if (k[i] && k[i].name !== 'Body') {
          this.visitExpr(k[i]);
          i++;
          if (k[i]?.name === 'as') {
            asName = k[i + 1];
            i += 2;
          }
        }
        const body = k[i++];
        if (asName && asName.name === 'VariableName') this.visitHandler(textOf(this.m, asName), asName, n, body);
        else if (body) this.visitBody(body);
      } else if (c.name === 'Body') {
        this.visitBody(c);
        i++;
      } else i++;
    }
  }

  /** pyflakes: an `except … as e` name lives only in its block and is reported when unused there. */
  private visitHandler(name: string, node: SyntaxNode, stmt: SyntaxNode, body: SyntaxNode): void {
    const scope = this.scope;
    const previous = scope.bindings.get(name);
    scope.bindings.delete(name);
    const b = this.bind(name, 'except', node, stmt);
    this.visitBody(body);
    const after = scope.bindings.get(name);
    if (after === b && !b.used) this.unusedExcept(b);
    scope.bindings.delete(name);
    if (previous) scope.bindings.set(name, previous);
  }

  protected visitWith(n: SyntaxNode): void {
    const flat: SyntaxNode[] = [];
    for (const c of kids(n)) {
      if (c.name === 'WithItems') flat.push(...kids(c).filter((x) => x.name !== '(' && x.name !== ')'));
      else flat.push(c);
    }
    for (let i = 0; i < flat.length; i++) {
      const c = flat[i];
      if (c.name === 'with' || c.name === 'async' || c.name === ',') continue;
      if (c.name === 'Body') {
        this.visitBody(c);
        continue;
      }
      if (c.name === 'as') {
        this.visitTarget(flat[++i], 'with', n);
        continue;
      }
      this.visitExpr(c);
    }
  }

  protected visitFunction(n: SyntaxNode): void {
    const f = functionParts(n);
    for (const d of f.decorators) this.visitExpr(d);
    if (f.typeParams) {
      this.push('type', n);
      this.visitTypeParams(f.typeParams);
    }
    const ps = params(f.params);
    for (const p of ps) if (p.default) this.visitExpr(p.default);
    for (const p of ps) this.visitAnnotation(p.annotation);
    this.visitAnnotation(f.returns);
    const stack = [...this.stack];
    this.defer(() => {
      this.stack = stack;
      this.push('function', n);
      for (const p of ps) this.bind(p.name || textOf(this.m, p.node), 'param', p.node, n);
      this.visitBody(f.body);
      this.pop();
    });
    if (f.typeParams) this.pop();
    const overload = f.decorators.some((d) => /(^|\.)overload$/.test(textOf(this.m, d)));
    this.bind(textOf(this.m, f.name), 'def', f.name, n, { overload });
  }

  protected visitClass(n: SyntaxNode): void {
    const c = classParts(n);
    for (const d of c.decorators) this.visitExpr(d);
    if (c.typeParams) {
      this.push('type', n);
      this.visitTypeParams(c.typeParams);
    }
    if (c.args) this.visitExpr(c.args);
    this.push('class', n);
    this.visitBody(c.body);
    this.pop();
    if (c.typeParams) this.pop();
    this.bind(textOf(this.m, c.name), 'class', c.name, n);
  }

  protected visitMatch(n: SyntaxNode): void {
    for (const c of kids(n)) {
      if (c.name === 'MatchBody') {
        for (const clause of kids(c)) {
          if (clause.name !== 'MatchClause') continue;
          for (const part of kids(clause)) {
            if (part.name === 'case' || part.name === ',') continue;
            if (part.name === 'Guard') kids(part).slice(1).forEach((g) => this.visitExpr(g));
            else if (part.name === 'Body') this.visitBody(part);
            else this.visitPattern(part, n);
          }
        }
      } else if (c.name !== 'match' && c.name !== '*') this.visitExpr(c);
    }
  }

  protected visitPattern(p: SyntaxNode, stmt: SyntaxNode): void {
    switch (p.name) {
      case 'CapturePattern': {
        const v = kids(p)[0];
        if (textOf(this.m, v) !== '_') this.bind(textOf(this.m, v), 'match', v, stmt);
        return;
      }
      case 'AsPattern': {
        const k = kids(p);
        this.visitPattern(k[0], stmt);
        const v = k[k.length - 1];
        this.bind(textOf(this.m, v), 'match', v, stmt);
        return;
      }
      case 'ClassPattern':
      case 'AttributePattern':
      case 'PatternArgList':
      case 'KeywordPattern': {
        const k = kids(p);
        for (let i = 0; i < k.length; i++) {
          const c = k[i];
          if (c.name === 'VariableName') {
            if (p.name === 'KeywordPattern') this.attributeLoad(textOf(this.m, c), c);
            else this.load(textOf(this.m, c), c);
          } else if (c.name === 'PropertyName') this.attributeLoad(textOf(this.m, c), c);
          else this.visitPattern(c, stmt);
        }
        return;
      }
      case 'MappingPattern': {
        for (const c of kids(p)) {
          if (c.name === 'VariableName') this.load(textOf(this.m, c), c);
          else this.visitPattern(c, stmt);
        }
        return;
      }
      case 'LiteralPattern':
        return;
      default:
        for (const c of kids(p)) this.visitPattern(c, stmt);
    }
  }

  // ---- expressions ----
  protected visitAnnotation(n: SyntaxNode | undefined): void {
    if (!n) return;
    if (this.futureAnnotations) {
      const stack = [...this.stack];
      this.defer(() => {
        this.stack = stack;
        this.annotationDepth++;
        this.visitExpr(n);
        this.annotationDepth--;
      });
      return;
    }
    this.annotationDepth++;
    this.visitExpr(n);
    this.annotationDepth--;
  }

  /** A string in an annotation is a forward reference: its names count as used, later. */
  private stringAnnotation(n: SyntaxNode): void {
    const value = stringValue(this.m, n);
    if (value === null) return;
    const names = value.match(/(?<![.\w])[A-Za-z_]\w*/g) ?? [];
    // Only a plain type expression is checked for undefined names; other strings just mark uses.
    const simple = /^\s*[\w.]+(\s*[[\],|]\s*[\w.]*)*\s*$/.test(value);
    const stack = [...this.stack];
    const guard = this.nameErrorGuard;
    this.defer(() => {
      this.stack = stack;
      for (const name of names) {
        let found = false;
        for (let i = stack.length - 1; i >= 0 && !found; i--) {
          const b = stack[i].bindings.get(name);
          if (b) found = b.used = true;
        }
        if (!found && simple && guard === 0 && !BUILTINS.has(name) && !MODULE_NAMES.has(name) && !stack.some((s) => s.importStar)) this.undefinedName(name, n);
      }
    });
  }

  protected visitExpr(n: SyntaxNode): void {
    this.expression(n);
    switch (n.name) {
      case 'VariableName':
        this.load(textOf(this.m, n), n);
        return;
      case 'String':
        if (this.annotationDepth > 0) this.stringAnnotation(n);
        return;
      case 'ContinuedString':
        if (this.annotationDepth > 0) this.stringAnnotation(n);
        else for (const c of kids(n)) this.visitExpr(c);
        return;
      case 'Number':
      case 'Boolean':
      case 'None':
      case 'Ellipsis':
      case 'Comment':
        return;
      case 'MemberExpression': {
        const k = kids(n);
        this.visitExpr(k[0]);
        if (k[1]?.name === '.') this.attributeLoad(textOf(this.m, k[2]), k[2]);
        else {
          // Literal["a", "b"] holds values, not forward references.
          const literal = this.annotationDepth > 0 && /(^|\.)Literal$/.test(textOf(this.m, k[0]));
          const saved = this.annotationDepth;
          if (literal) this.annotationDepth = 0;
          for (const c of k.slice(1)) this.visitExpr(c);
          this.annotationDepth = saved;
        }
        return;
      }
      case 'CallExpression': {
        const k = kids(n);
        this.visitExpr(k[0]);
        // typing.cast("T", x) and TypeVar bounds take forward references as strings.
        const callee = dottedName(this.m, k[0]);
        if (callee !== null && /^(typing\.|t\.)?cast$/.test(callee) && k[1]) {
          const [first, ...rest] = kids(k[1]).filter((c) => !['(', ')', ','].includes(c.name));
          if (first) this.visitAnnotation(first);
          for (const c of rest) this.visitExpr(c);
          return;
        }
        if (k[1]) this.visitArgList(k[1]);
        return;
      }
      case 'ArgList':
        return this.visitArgList(n);
      case 'LambdaExpression':
        return this.visitLambda(n);
      case 'ArrayComprehensionExpression':
      case 'ComprehensionExpression':
      case 'SetComprehensionExpression':
      case 'DictionaryComprehensionExpression':
        return this.visitComprehension(n, kids(n).slice(1, -1));
      case 'NamedExpression': {
        const k = kids(n);
        for (const c of k.slice(2)) this.visitExpr(c);
        this.bind(textOf(this.m, k[0]), 'walrus', k[0], n);
        return;
      }
      default:
        for (const c of kids(n)) this.visitExpr(c);
    }
  }

  protected visitArgList(n: SyntaxNode): void {
    const k = kids(n);
    if (k.some((c) => c.name === 'for')) return this.visitComprehension(n, k.slice(1, -1));
    for (let i = 0; i < k.length; i++) {
      const c = k[i];
      if (c.name === 'VariableName' && k[i + 1]?.name === 'AssignOp') {
        i++;
        continue;
      }
      this.visitExpr(c);
    }
  }

  protected visitLambda(n: SyntaxNode): void {
    const k = kids(n);
    const list = k.find((c) => c.name === 'ParamList');
    const ps = list ? params(list) : [];
    for (const p of ps) if (p.default) this.visitExpr(p.default);
    const body = k[k.length - 1];
    const stack = [...this.stack];
    this.defer(() => {
      this.stack = stack;
      this.push('lambda', n);
      for (const p of ps) this.bind(textOf(this.m, p.node), 'param', p.node, n);
      this.visitExpr(body);
      this.pop();
    });
  }

  /** `elt for t in it if c for …` as a flat child list (Lezer does not nest clauses). */
  protected visitComprehension(n: SyntaxNode, k: SyntaxNode[]): void {
    const first = k.findIndex((c) => c.name === 'for' || c.name === 'async');
    const elt = k.slice(0, first);
    this.push('comprehension', n);
    let i = first;
    while (i < k.length) {
      const c = k[i];
      if (c.name === 'async') i++;
      else if (c.name === 'for') {
        const inAt = k.findIndex((x, j) => j > i && x.name === 'in');
        this.visitExpr(k[inAt + 1]);
        this.visitTargetList(k.slice(i + 1, inAt), 'comp', n);
        i = inAt + 2;
      } else if (c.name === 'if') {
        this.visitExpr(k[i + 1]);
        i += 2;
      } else i++;
    }
    for (const c of elt) if (c.name !== ':') this.visitExpr(c);
    this.pop();
  }
}

const isTuple = (items: SyntaxNode[]) =>
  items.some((c) => c.name === ',') || (items.length === 1 && (items[0].name === 'TupleExpression' || items[0].name === 'ArrayExpression'));

const DEFINITIONS = new Set<BindKind>(['def', 'class', 'import']);

/** pyflakes' Binding.redefines / Definition.redefines / Importation.redefines. */
function redefines(value: Binding, existing: Binding): boolean {
  if (value.kind === 'import' && existing.kind === 'import' && (value.import!.submodule || existing.import!.submodule)) {
    return value.import!.fullName === existing.import!.fullName;
  }
  if (value.kind === 'import') return DEFINITIONS.has(existing.kind);
  if (value.kind === 'def' || value.kind === 'class') return DEFINITIONS.has(existing.kind) || existing.kind === 'assign' || existing.kind === 'walrus';
  return DEFINITIONS.has(existing.kind);
}

/** True when two statements sit on different branches of one if/try/match (pyflakes' differentForks). */
export function differentForks(a: SyntaxNode, b: SyntaxNode): boolean {
  const pathA: SyntaxNode[] = [];
  for (let n: SyntaxNode | null = a; n; n = n.parent) pathA.push(n);
  const seen = new Map<number, number>();
  pathA.forEach((n, i) => seen.set(key(n), i));
  let prevB: SyntaxNode | null = null;
  for (let n: SyntaxNode | null = b; n; prevB = n, n = n.parent) {
    const i = seen.get(key(n));
    if (i === undefined) continue;
    if (!prevB || i === 0) return false;
    const prevA = pathA[i - 1];
    if (n.name === 'IfStatement' || n.name === 'MatchBody') return prevA.from !== prevB.from;
    if (n.name === 'TryStatement') return forkGroup(n, prevA) !== forkGroup(n, prevB);
    return false;
  }
  return false;
}

const key = (n: SyntaxNode) => n.from * 4096 + (n.to - n.from) * 7 + n.type.id;

/** try body and else are one fork, each handler another; finally and the rest none. */
function forkGroup(tryNode: SyntaxNode, child: SyntaxNode): string {
  let keyword = '';
  let handler = 0;
  for (const c of kids(tryNode)) {
    if (c.name === 'except') handler++;
    if (['try', 'except', 'else', 'finally'].includes(c.name)) keyword = c.name;
    if (c.from === child.from && c.to === child.to) {
      if (keyword === 'try' || keyword === 'else') return 'body';
      if (keyword === 'except') return `h${handler}`;
      return `other${c.from}`;
    }
  }
  return 'none';
}

export interface ImportItem {
  /** The name bound in the scope (`os` for `import os.path`, the alias otherwise). */
  bound: string;
  node: SyntaxNode;
  star: boolean;
  info: ImportInfo;
}

/** The names one ImportStatement binds, with pyflakes' full names. */
export function importsOf(m: PyModule, n: SyntaxNode): ImportItem[] {
  const k = kids(n);
  const out: ImportItem[] = [];
  if (k[0].name === 'import') {
    let i = 1;
    while (i < k.length) {
      const parts: SyntaxNode[] = [];
      while (i < k.length && (k[i].name === 'VariableName' || k[i].name === '.')) {
        if (k[i].name === 'VariableName') parts.push(k[i]);
        i++;
      }
      const fullName = parts.map((p) => textOf(m, p)).join('.');
      let alias: SyntaxNode | undefined;
      if (k[i]?.name === 'as') {
        alias = k[i + 1];
        i += 2;
      }
      const submodule = !alias && parts.length > 1;
      out.push({
        bound: alias ? textOf(m, alias) : textOf(m, parts[0]),
        node: alias ?? parts[0],
        star: false,
        info: { fullName, module: fullName, submodule, alias: !!alias, future: false, display: alias && textOf(m, alias) !== fullName.split(".").pop() ? `${fullName} as ${textOf(m, alias)}` : fullName },
      });
      if (k[i]?.name === ',') i++;
      else break;
    }
    return out;
  }
  // from <dots><module> import names
  const importAt = k.findIndex((c) => c.name === 'import');
  const module = k
    .slice(1, importAt)
    .map((c) => textOf(m, c))
    .join('');
  const future = module === '__future__';
  const names = k.slice(importAt + 1).filter((c) => c.name !== '(' && c.name !== ')');
  for (let i = 0; i < names.length; i++) {
    const c = names[i];
    if (c.name === '*') {
      out.push({ bound: '*', node: c, star: true, info: { fullName: `${module}.*`, module, submodule: false, alias: false, future, display: `${module}.*` } });
      continue;
    }
    if (c.name !== 'VariableName') continue;
    const name = textOf(m, c);
    let alias: SyntaxNode | undefined;
    if (names[i + 1]?.name === 'as') {
      alias = names[i + 2];
      i += 2;
    }
    const fullName = module.endsWith('.') ? `${module}${name}` : `${module}.${name}`;
    out.push({
      bound: alias ? textOf(m, alias) : name,
      node: alias ?? c,
      star: false,
      info: { fullName, module, submodule: false, alias: !!alias, future, display: alias && textOf(m, alias) !== name ? `${fullName} as ${textOf(m, alias)}` : fullName },
    });
  }
  return out;
}

/** Python 3.11's builtins module. */
export const BUILTINS = new Set(
  `ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup BlockingIOError BrokenPipeError BufferError BytesWarning ChildProcessError ConnectionAbortedError ConnectionError ConnectionRefusedError ConnectionResetError DeprecationWarning EOFError Ellipsis EncodingWarning EnvironmentError Exception ExceptionGroup False FileExistsError FileNotFoundError FloatingPointError FutureWarning GeneratorExit IOError ImportError ImportWarning IndentationError IndexError InterruptedError IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError ModuleNotFoundError NameError None NotADirectoryError NotImplemented NotImplementedError OSError OverflowError PendingDeprecationWarning PermissionError ProcessLookupError RecursionError ReferenceError ResourceWarning RuntimeError RuntimeWarning StopAsyncIteration StopIteration SyntaxError SyntaxWarning SystemError SystemExit TabError TimeoutError True TypeError UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError UnicodeWarning UserWarning ValueError Warning ZeroDivisionError __build_class__ __debug__ __doc__ __import__ __loader__ __name__ __package__ __spec__ abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex copyright credits delattr dict dir divmod enumerate eval exec exit filter float format frozenset getattr globals hasattr hash help hex id input int isinstance issubclass iter len license list locals map max memoryview min next object oct open ord pow print property quit range repr reversed round set setattr slice sorted staticmethod str sum super tuple type vars zip`.split(' '),
);
