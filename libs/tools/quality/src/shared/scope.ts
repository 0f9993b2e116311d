import type { Node, Identifier } from '@babel/types';
import { memo, type ParsedModule } from './parse';
import { childNodes, isFunction } from '@mcp/core-js';

/**
 * A small eslint-scope: scopes, bindings and references over the Babel AST, computed once per
 * parse and shared by the lint, dead-code and smell tools.
 */
export type ScopeKind = 'global' | 'module' | 'function' | 'block' | 'class' | 'catch' | 'for' | 'switch' | 'tsmodule';
export type BindingKind = 'var' | 'let' | 'const' | 'using' | 'function' | 'class' | 'param' | 'catch' | 'import' | 'type' | 'enum' | 'namespace' | 'implicit';

export interface Scope {
  kind: ScopeKind;
  node: Node;
  parent: Scope | null;
  bindings: Map<string, Binding>;
  /** References made directly in this scope that no binding resolved (globals). */
  through: Ref[];
}

export interface Binding {
  name: string;
  kind: BindingKind;
  /** The declaring identifier. */
  id: Identifier;
  /** VariableDeclarator, FunctionDeclaration, ClassDeclaration, ImportSpecifier, the function for a param, CatchClause. */
  decl: Node;
  scope: Scope;
  refs: Ref[];
  exported: boolean;
  /** For params: the function and the position of this name among all its declared param names. */
  fn?: Node;
  paramOrder?: number;
  /** The value a variable is initialized with (for self-reference checks). */
  init?: Node | null;
  /** Inside a destructuring pattern that has a rest element sibling. */
  hasRestSibling?: boolean;
  typeOnly?: boolean;
}

export interface Ref {
  id: Identifier | Node;
  name: string;
  scope: Scope;
  read: boolean;
  write: boolean;
  /** A type position (TypeScript): counts as a use, never as an undefined variable. */
  type: boolean;
  /** Inside `typeof x` (no-undef ignores these by default). */
  typeofOperand: boolean;
  /** `a += 1;` / `a++;` / `a = a + 1;` as a statement: ESLint does not count the read as a use. */
  selfModify: boolean;
  resolved?: Binding;
}

export interface ScopeAnalysis {
  global: Scope;
  scopes: Scope[];
  refs: Ref[];
  bindings: Binding[];
  /** Names from `/* global a, b *\/` comments. */
  commentGlobals: Set<string>;
  sourceType: 'module' | 'script';
}

export function scopesOf(mod: ParsedModule): ScopeAnalysis {
  return memo(mod, 'scopes', () => analyze(mod));
}

function analyze(mod: ParsedModule): ScopeAnalysis {
  const program = mod.ast.program;
  const sourceType = program.sourceType === 'module' ? 'module' : 'script';
  const scopes: Scope[] = [];
  const refs: Ref[] = [];
  const bindings: Binding[] = [];
  const newScope = (kind: ScopeKind, node: Node, parent: Scope | null): Scope => {
    const s: Scope = { kind, node, parent, bindings: new Map(), through: [] };
    scopes.push(s);
    return s;
  };
  const global = newScope('global', program, null);
  const top = sourceType === 'module' ? newScope('module', program, global) : global;

  const functionScope = (s: Scope): Scope => {
    let cur = s;
    while (cur.kind !== 'function' && cur.kind !== 'module' && cur.kind !== 'global' && cur.kind !== 'tsmodule' && cur.parent) cur = cur.parent;
    return cur;
  };
  const declare = (scope: Scope, id: Identifier, kind: BindingKind, decl: Node, extra: Partial<Binding> = {}): Binding => {
    const existing = scope.bindings.get(id.name);
    // Redeclaration (var twice, function overloads, interface merging): one variable.
    if (existing) return existing;
    const b: Binding = { name: id.name, kind, id, decl, scope, refs: [], exported: false, ...extra };
    scope.bindings.set(id.name, b);
    bindings.push(b);
    return b;
  };
  const ref = (node: Identifier | Node, name: string, scope: Scope, opts: Partial<Ref> = {}): void => {
    refs.push({ id: node, name, scope, read: true, write: false, type: false, typeofOperand: false, selfModify: false, ...opts });
  };

  /** Binding identifiers of a pattern; defaults and computed keys are visited as expressions. */
  const patternIds = (p: Node | null | undefined, scope: Scope, out: Array<{ id: Identifier; rest: boolean }>, hasRest = false): void => {
    if (!p) return;
    switch (p.type) {
      case 'Identifier':
        out.push({ id: p, rest: hasRest });
        if (p.typeAnnotation) typeWalk(p.typeAnnotation, scope);
        return;
      case 'ObjectPattern': {
        const rest = p.properties.some((q) => q.type === 'RestElement');
        for (const prop of p.properties) {
          if (prop.type === 'RestElement') patternIds(prop.argument, scope, out, false);
          else {
            if (prop.computed) visit(prop.key, scope);
            patternIds(prop.value as Node, scope, out, rest);
          }
        }
        if (p.typeAnnotation) typeWalk(p.typeAnnotation, scope);
        return;
      }
      case 'ArrayPattern':
        for (const el of p.elements) patternIds(el, scope, out, false);
        if (p.typeAnnotation) typeWalk(p.typeAnnotation, scope);
        return;
      case 'RestElement':
        patternIds(p.argument, scope, out, false);
        return;
      case 'AssignmentPattern':
        patternIds(p.left, scope, out, hasRest);
        visit(p.right, scope);
        return;
      case 'TSParameterProperty':
        patternIds(p.parameter, scope, out, hasRest);
        return;
      default:
        // Member expressions as assignment targets: `[a.b] = x` reads a.
        visit(p, scope);
    }
  };

  /** An assignment target: identifiers are written, the rest is read. */
  const assignTarget = (p: Node, scope: Scope, selfModify: boolean, alsoRead: boolean): void => {
    if (p.type === 'Identifier') {
      ref(p, p.name, scope, { read: alsoRead, write: true, selfModify });
      return;
    }
    if (p.type === 'ObjectPattern' || p.type === 'ArrayPattern' || p.type === 'AssignmentPattern' || p.type === 'RestElement') {
      const ids: Array<{ id: Identifier; rest: boolean }> = [];
      patternIds(p, scope, ids);
      for (const { id } of ids) ref(id, id.name, scope, { read: false, write: true });
      return;
    }
    visit(p, scope);
  };

  const typeWalk = (node: Node | null | undefined, scope: Scope): void => {
    if (!node) return;
    switch (node.type) {
      case 'TSTypeReference': {
        const leftmost = leftmostName(node.typeName as Node);
        if (leftmost) ref(leftmost, leftmost.name, scope, { type: true });
        if (node.typeParameters) typeWalk(node.typeParameters, scope);
        return;
      }
      case 'TSTypeQuery': {
        const leftmost = leftmostName(node.exprName as Node);
        if (leftmost) ref(leftmost, leftmost.name, scope, { type: true });
        return;
      }
      case 'TSExpressionWithTypeArguments':
      case 'TSInterfaceHeritage' as string:
      case 'TSClassImplements' as string: {
        const n = node as unknown as { expression: Node; typeParameters?: Node };
        const leftmost = leftmostName(n.expression);
        if (leftmost) ref(leftmost, leftmost.name, scope, { type: true });
        if (n.typeParameters) typeWalk(n.typeParameters, scope);
        return;
      }
      case 'TSPropertySignature':
      case 'TSMethodSignature':
        if ((node as { computed?: boolean }).computed) typeWalk((node as { key: Node }).key, scope);
        for (const c of childNodes(node)) if (c !== (node as { key?: Node }).key) typeWalk(c, scope);
        return;
      case 'Identifier':
        return; // names inside types (parameter names of function types, keys) are not references
      case 'MemberExpression':
      case 'TSQualifiedName':
        return;
      default:
        for (const c of childNodes(node)) typeWalk(c, scope);
    }
  };

  const declareFunctionParams = (fn: Node, scope: Scope): void => {
    const params = ((fn as { params?: Node[] }).params ?? []) as Node[];
    const ids: Array<{ id: Identifier; rest: boolean }> = [];
    for (const p of params) {
      if (p.type === 'Identifier' && p.name === 'this') {
        if (p.typeAnnotation) typeWalk(p.typeAnnotation, scope);
        continue;
      }
      patternIds(p, scope, ids);
    }
    ids.forEach(({ id, rest }, i) => {
      const b = declare(scope, id, 'param', fn, { fn, paramOrder: i, hasRestSibling: rest });
      // constructor(private x) declares a class property too: it is used.
      if (params.some((p) => p.type === 'TSParameterProperty' && patternHas(p, id))) b.exported = true;
    });
  };

  const visitFunction = (fn: Node, scope: Scope): void => {
    const f = fn as unknown as { id?: Identifier | null; body: Node; typeParameters?: Node; returnType?: Node; decorators?: Node[]; key?: Node; computed?: boolean };
    if (f.decorators) for (const d of f.decorators) visit(d, scope);
    if ((fn.type === 'ClassMethod' || fn.type === 'ObjectMethod' || fn.type === 'ClassPrivateMethod') && f.computed && f.key) visit(f.key, scope);
    const fscope = newScope('function', fn, scope);
    if (fn.type === 'FunctionExpression' && f.id) declare(fscope, f.id, 'function', fn);
    if (fn.type !== 'ArrowFunctionExpression') {
      fscope.bindings.set('arguments', { name: 'arguments', kind: 'implicit', id: { type: 'Identifier', name: 'arguments' } as Identifier, decl: fn, scope: fscope, refs: [], exported: true });
    }
    if (f.typeParameters) typeWalk(f.typeParameters, fscope);
    if (f.returnType) typeWalk(f.returnType, fscope);
    declareFunctionParams(fn, fscope);
    if (!f.body) return;
    if (f.body.type === 'BlockStatement') {
      hoist(f.body.body, fscope);
      for (const s of f.body.body) visit(s, fscope);
    } else visit(f.body, fscope);
  };

  /** var and function declarations are visible in the whole scope; declare them up front. */
  const hoist = (stmts: Node[], scope: Scope): void => {
    for (const s of stmts) declareStatement(s, scope);
  };

  const declareStatement = (s: Node, scope: Scope): void => {
    const target = s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration' ? (s.declaration as Node | null) : s;
    if (!target) return;
    const exported = target !== s;
    const mark = (b: Binding | undefined) => {
      if (b && exported) b.exported = true;
    };
    switch (target.type) {
      case 'FunctionDeclaration':
      case 'TSDeclareFunction':
        if (target.id) mark(declare(scope, target.id, 'function', target));
        return;
      case 'ClassDeclaration':
        if (target.id) mark(declare(scope, target.id, 'class', target));
        return;
      case 'VariableDeclaration': {
        const into = target.kind === 'var' ? functionScope(scope) : scope;
        for (const d of target.declarations) {
          const ids: Array<{ id: Identifier; rest: boolean }> = [];
          collectIds(d.id, ids);
          for (const { id, rest } of ids) {
            mark(declare(into, id, target.kind === 'var' ? 'var' : target.kind === 'let' ? 'let' : target.kind === 'const' ? 'const' : 'using', d, { init: d.init, hasRestSibling: rest }));
          }
        }
        return;
      }
      case 'TSTypeAliasDeclaration':
      case 'TSInterfaceDeclaration':
        mark(declare(scope, target.id, 'type', target, { typeOnly: true }));
        return;
      case 'TSEnumDeclaration':
        mark(declare(scope, target.id, 'enum', target));
        return;
      case 'TSModuleDeclaration':
        if (target.id.type === 'Identifier') mark(declare(scope, target.id, 'namespace', target));
        return;
      case 'TSImportEqualsDeclaration':
        mark(declare(scope, target.id, 'import', target));
        return;
      case 'ImportDeclaration':
        for (const sp of target.specifiers) {
          const typeOnly = target.importKind === 'type' || (sp.type === 'ImportSpecifier' && sp.importKind === 'type');
          declare(scope, sp.local, 'import', sp, { typeOnly });
        }
        return;
    }
  };

  const blockBody = (stmts: Node[], scope: Scope): void => {
    // Block-level declarations (let/const/class/function) are hoisted within the block.
    for (const s of stmts) {
      if (s.type === 'VariableDeclaration' && s.kind === 'var') continue;
      declareStatement(s, scope);
    }
    for (const s of stmts) {
      if (s.type === 'VariableDeclaration' && s.kind === 'var') declareStatement(s, scope);
    }
    for (const s of stmts) visit(s, scope);
  };

  function visit(node: Node | null | undefined, scope: Scope): void {
    if (!node) return;
    if (isFunction(node)) {
      visitFunction(node, scope);
      return;
    }
    if (node.type.startsWith('TS')) {
      visitTs(node, scope);
      return;
    }
    switch (node.type) {
      case 'Identifier':
        ref(node, node.name, scope);
        if (node.typeAnnotation) typeWalk(node.typeAnnotation, scope);
        return;
      case 'JSXIdentifier':
        if (/^[A-Z]/.test(node.name) || node.name.includes('$')) ref(node, node.name, scope);
        return;
      case 'JSXMemberExpression': {
        let obj: Node = node.object;
        while (obj.type === 'JSXMemberExpression') obj = obj.object;
        if (obj.type === 'JSXIdentifier') ref(obj, obj.name, scope);
        return;
      }
      case 'JSXOpeningElement':
        visit(node.name, scope);
        for (const a of node.attributes) visit(a, scope);
        if (node.typeParameters) typeWalk(node.typeParameters, scope);
        return;
      case 'JSXClosingElement':
      case 'JSXNamespacedName':
        return;
      case 'JSXAttribute':
        visit(node.value as Node | null, scope);
        return;
      case 'MemberExpression':
      case 'OptionalMemberExpression':
        visit(node.object, scope);
        if (node.computed) visit(node.property, scope);
        return;
      case 'ObjectProperty':
        if (node.computed) visit(node.key, scope);
        visit(node.value, scope);
        return;
      case 'ClassProperty':
      case 'ClassPrivateProperty':
      case 'ClassAccessorProperty': {
        const n = node as unknown as { computed?: boolean; key: Node; value?: Node | null; decorators?: Node[]; typeAnnotation?: Node };
        if (n.decorators) for (const d of n.decorators) visit(d, scope);
        if (n.computed) visit(n.key, scope);
        if (n.typeAnnotation) typeWalk(n.typeAnnotation, scope);
        if (n.value) visit(n.value, newScope('function', node, scope));
        return;
      }
      case 'StaticBlock': {
        const s = newScope('function', node, scope);
        hoist(node.body, s);
        blockBody(node.body, s);
        return;
      }
      case 'ClassDeclaration':
      case 'ClassExpression': {
        if (node.decorators) for (const d of node.decorators) visit(d, scope);
        visit(node.superClass, scope);
        if (node.superTypeParameters) typeWalk(node.superTypeParameters, scope);
        for (const i of node.implements ?? []) typeWalk(i as Node, scope);
        const cscope = newScope('class', node, scope);
        if (node.id && node.type === 'ClassExpression') declare(cscope, node.id, 'class', node);
        if (node.typeParameters) typeWalk(node.typeParameters, cscope);
        for (const m of node.body.body) visit(m, cscope);
        return;
      }
      case 'LabeledStatement':
        visit(node.body, scope);
        return;
      case 'BreakStatement':
      case 'ContinueStatement':
      case 'MetaProperty':
      case 'PrivateName':
      case 'ImportDeclaration':
      case 'ExportAllDeclaration':
        return;
      case 'ExportNamedDeclaration':
        if (node.declaration) visit(node.declaration, scope);
        else if (!node.source) {
          for (const sp of node.specifiers) {
            if (sp.type === 'ExportSpecifier' && sp.local.type === 'Identifier') ref(sp.local, sp.local.name, scope, { read: true, type: node.exportKind === 'type' });
          }
        }
        return;
      case 'ExportDefaultDeclaration':
        visit(node.declaration as Node, scope); // `export default x` reads x
        return;
      case 'Program':
        hoist(node.body, top);
        blockBody(node.body, top);
        return;
      case 'BlockStatement': {
        const s = newScope('block', node, scope);
        blockBody(node.body, s);
        return;
      }
      case 'SwitchStatement': {
        visit(node.discriminant, scope);
        const s = newScope('switch', node, scope);
        const all = node.cases.flatMap((c) => c.consequent);
        for (const st of all) if (!(st.type === 'VariableDeclaration' && st.kind === 'var')) declareStatement(st, s);
        for (const c of node.cases) {
          visit(c.test, s);
          for (const st of c.consequent) visit(st, s);
        }
        return;
      }
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement': {
        const s = newScope('for', node, scope);
        if (node.type === 'ForStatement') {
          if (node.init?.type === 'VariableDeclaration') declareStatement(node.init, s);
          visit(node.init, s);
          visit(node.test, s);
          if (node.update) visitStatementExpr(node.update, s);
        } else {
          if (node.left.type === 'VariableDeclaration') {
            declareStatement(node.left, s);
            // ESLint counts `for (const k in o) return ...` as a use of k.
            const first = node.body.type === 'BlockStatement' ? node.body.body[0] : node.body;
            for (const d of node.left.declarations) {
              const ids: Array<{ id: Identifier; rest: boolean }> = [];
              patternIds(d.id, s, ids);
              for (const { id } of ids) ref(id, id.name, s, { read: first?.type === 'ReturnStatement', write: true });
            }
          } else assignTarget(node.left, s, false, false);
          visit(node.right, s);
        }
        visit(node.body, s);
        return;
      }
      case 'CatchClause': {
        const s = newScope('catch', node, scope);
        if (node.param) {
          const ids: Array<{ id: Identifier; rest: boolean }> = [];
          patternIds(node.param, s, ids);
          for (const { id } of ids) declare(s, id, 'catch', node);
        }
        visit(node.body, s);
        return;
      }
      case 'VariableDeclaration':
        // var is function-scoped wherever it appears (switch cases, unbraced if bodies, labels).
        if (node.kind === 'var') declareStatement(node, scope);
        for (const d of node.declarations) {
          const ids: Array<{ id: Identifier; rest: boolean }> = [];
          patternIds(d.id, scope, ids);
          if (d.init) {
            for (const { id } of ids) ref(id, id.name, scope, { read: false, write: true });
            visit(d.init, scope);
          }
        }
        return;
      case 'FunctionDeclaration':
        visitFunction(node, scope);
        return;
      case 'ExpressionStatement':
        visitStatementExpr(node.expression, scope);
        return;
      case 'AssignmentExpression': {
        const compound = node.operator !== '=';
        assignTarget(node.left, scope, false, compound);
        visit(node.right, scope);
        return;
      }
      case 'UpdateExpression':
        if (node.argument.type === 'Identifier') ref(node.argument, node.argument.name, scope, { read: true, write: true });
        else visit(node.argument, scope);
        return;
      case 'UnaryExpression':
        if (node.operator === 'typeof' && node.argument.type === 'Identifier') {
          ref(node.argument, node.argument.name, scope, { typeofOperand: true });
          return;
        }
        visit(node.argument, scope);
        return;
      default:
        for (const c of childNodes(node)) visit(c, scope);
    }
  }

  /** An expression whose value is discarded: `a++;`, `a += 1;`, `a = a + 1;` do not use `a`. */
  function visitStatementExpr(expr: Node, scope: Scope): void {
    if (expr.type === 'UpdateExpression' && expr.argument.type === 'Identifier') {
      ref(expr.argument, expr.argument.name, scope, { read: true, write: true, selfModify: true });
      return;
    }
    if (expr.type === 'AssignmentExpression' && expr.left.type === 'Identifier') {
      const name = expr.left.name;
      if (expr.operator !== '=') {
        ref(expr.left, name, scope, { read: true, write: true, selfModify: true });
        visit(expr.right, scope);
        return;
      }
      ref(expr.left, name, scope, { read: false, write: true });
      const start = refs.length;
      visit(expr.right, scope);
      // `a = a + 1;`: reads of a in its own new value are self-modification.
      if (expr.right.type === 'BinaryExpression' || expr.right.type === 'LogicalExpression') {
        for (let i = start; i < refs.length; i++) if (refs[i].name === name && refs[i].scope === scope) refs[i].selfModify = true;
      }
      return;
    }
    if (expr.type === 'SequenceExpression') {
      for (const e of expr.expressions) visitStatementExpr(e, scope);
      return;
    }
    visit(expr, scope);
  }

  function visitTs(node: Node, scope: Scope): void {
    switch (node.type) {
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
        visit(node.expression, scope);
        typeWalk(node.typeAnnotation, scope);
        return;
      case 'TSNonNullExpression':
        visit(node.expression, scope);
        return;
      case 'TSInstantiationExpression':
        visit(node.expression, scope);
        if (node.typeParameters) typeWalk(node.typeParameters, scope);
        return;
      case 'TSEnumDeclaration': {
        const s = newScope('block', node, scope);
        for (const m of node.members) if (m.initializer) visit(m.initializer, s);
        return;
      }
      case 'TSModuleDeclaration': {
        const s = newScope('tsmodule', node, scope);
        let body: Node | null | undefined = node.body;
        while (body && body.type === 'TSModuleDeclaration') body = body.body;
        if (body && body.type === 'TSModuleBlock') {
          hoist(body.body, s);
          blockBody(body.body, s);
        }
        return;
      }
      case 'TSExportAssignment':
        visit(node.expression, scope);
        return;
      case 'TSImportEqualsDeclaration':
        if (node.moduleReference.type !== 'TSExternalModuleReference') {
          const l = leftmostName(node.moduleReference as Node);
          if (l) ref(l, l.name, scope);
        }
        return;
      case 'TSDeclareFunction':
      case 'TSDeclareMethod':
        return;
      case 'TSParameterProperty':
        visit(node.parameter, scope);
        return;
      default:
        typeWalk(node, scope);
    }
  }

  visit(program, top);

  // Resolve every reference through the scope chain (all declarations are known by now).
  for (const r of refs) {
    let s: Scope | null = r.scope;
    while (s) {
      const b = s.bindings.get(r.name);
      if (b && (r.type || !b.typeOnly || b.kind === 'import')) {
        r.resolved = b;
        b.refs.push(r);
        break;
      }
      s = s.parent;
    }
    if (!r.resolved) r.scope.through.push(r);
  }
  // `export { a }` and `export default a` were recorded as reads; mark those bindings exported.
  const exportRefs = exportedIds(program);
  for (const r of refs) {
    if (r.resolved && exportRefs.has(r.id)) r.resolved.exported = true;
  }
  return { global, scopes, refs, bindings, commentGlobals: commentGlobals(mod), sourceType };
}

function exportedIds(program: Node): Set<Node> {
  const ids = new Set<Node>();
  for (const s of (program as { body: Node[] }).body) {
    if (s.type === 'ExportNamedDeclaration' && !s.source && !s.declaration) {
      for (const sp of s.specifiers) if (sp.type === 'ExportSpecifier') ids.add(sp.local);
    }
    if (s.type === 'ExportDefaultDeclaration') ids.add(s.declaration);
  }
  return ids;
}

function collectIds(p: Node | null | undefined, out: Array<{ id: Identifier; rest: boolean }>, rest = false): void {
  if (!p) return;
  switch (p.type) {
    case 'Identifier':
      out.push({ id: p, rest });
      return;
    case 'ObjectPattern': {
      const hasRest = p.properties.some((q) => q.type === 'RestElement');
      for (const prop of p.properties) {
        if (prop.type === 'RestElement') collectIds(prop.argument, out);
        else collectIds(prop.value as Node, out, hasRest);
      }
      return;
    }
    case 'ArrayPattern':
      for (const el of p.elements) collectIds(el, out);
      return;
    case 'RestElement':
      collectIds(p.argument, out);
      return;
    case 'AssignmentPattern':
      collectIds(p.left, out, rest);
      return;
  }
}

function patternHas(p: Node, id: Identifier): boolean {
  const out: Array<{ id: Identifier; rest: boolean }> = [];
  collectIds(p.type === 'TSParameterProperty' ? p.parameter : p, out);
  return out.some((x) => x.id === id);
}

function leftmostName(n: Node | null | undefined): Identifier | null {
  let cur = n;
  while (cur) {
    if (cur.type === 'Identifier') return cur;
    if (cur.type === 'TSQualifiedName') cur = cur.left;
    else if (cur.type === 'MemberExpression') cur = cur.object;
    else return null;
  }
  return null;
}

/** `/* global a, b:writable *\/` and `/* globals ... *\/` comments. */
function commentGlobals(mod: ParsedModule): Set<string> {
  const names = new Set<string>();
  for (const c of mod.ast.comments ?? []) {
    if (c.type !== 'CommentBlock') continue;
    const m = /^\s*globals?\s+([\s\S]*)$/.exec(c.value);
    if (!m) continue;
    for (const part of m[1].split(',')) {
      const name = part.split(':')[0].trim();
      if (name) names.add(name);
    }
  }
  return names;
}
