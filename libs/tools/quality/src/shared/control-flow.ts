import type { Node } from '@babel/types';
import { childNodes, isFunction } from '@mcp/core-js';

/**
 * Whether control can leave `stmt` normally (fall through to the next statement). A light
 * stand-in for ESLint's code-path analysis: return/throw/break/continue end a path; if/else,
 * try/catch/finally, blocks, switch with default and infinite loops without break combine them.
 */
export function completesNormally(stmt: Node): boolean {
  switch (stmt.type) {
    case 'ReturnStatement':
    case 'ThrowStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
      return false;
    case 'BlockStatement':
    case 'StaticBlock':
      return listCompletes(stmt.body);
    case 'IfStatement':
      return !stmt.alternate || completesNormally(stmt.consequent) || completesNormally(stmt.alternate);
    case 'LabeledStatement':
      return completesNormally(stmt.body) || hasBreakTo(stmt.body, stmt.label.name);
    case 'TryStatement': {
      if (stmt.finalizer && !completesNormally(stmt.finalizer)) return false;
      const tryOk = completesNormally(stmt.block);
      const catchOk = stmt.handler ? completesNormally(stmt.handler.body) : false;
      // A try block that ends abruptly may still throw into the catch, which can complete.
      return tryOk || catchOk;
    }
    case 'WhileStatement':
    case 'ForStatement':
    case 'DoWhileStatement': {
      const infinite = stmt.type === 'ForStatement' ? !stmt.test || isTrueLiteral(stmt.test) : isTrueLiteral(stmt.test);
      if (infinite) return hasBreakOut(stmt.body);
      if (stmt.type === 'DoWhileStatement') return completesNormally(stmt.body) || hasContinue(stmt.body) || hasBreakOut(stmt.body);
      return true;
    }
    case 'SwitchStatement': {
      if (!stmt.cases.some((c) => !c.test)) return true;
      if (stmt.cases.some((c) => c.consequent.some((s) => hasBreakOut(s)))) return true;
      const last = stmt.cases[stmt.cases.length - 1];
      return listCompletes(last.consequent);
    }
    default:
      return true;
  }
}

export function listCompletes(stmts: Node[]): boolean {
  for (const s of stmts) if (!completesNormally(s)) return false;
  return true;
}

function isTrueLiteral(n: Node): boolean {
  return n.type === 'BooleanLiteral' && n.value === true;
}

/** An unlabeled `break` that leaves this loop/switch body (not one belonging to a nested loop or switch). */
function hasBreakOut(body: Node): boolean {
  let found = false;
  const visit = (n: Node, depth: number): void => {
    if (found || isFunction(n)) return;
    if (n.type === 'BreakStatement' && (!n.label ? depth === 0 : true)) {
      found = true;
      return;
    }
    const nested = n.type === 'WhileStatement' || n.type === 'DoWhileStatement' || n.type === 'ForStatement' || n.type === 'ForInStatement' || n.type === 'ForOfStatement' || n.type === 'SwitchStatement';
    for (const c of childNodes(n)) visit(c, nested ? depth + 1 : depth);
  };
  visit(body, 0);
  return found;
}

function hasContinue(body: Node): boolean {
  let found = false;
  const visit = (n: Node): void => {
    if (found || isFunction(n)) return;
    if (n.type === 'ContinueStatement') found = true;
    for (const c of childNodes(n)) visit(c);
  };
  visit(body);
  return found;
}

function hasBreakTo(body: Node, label: string): boolean {
  let found = false;
  const visit = (n: Node): void => {
    if (found || isFunction(n)) return;
    if (n.type === 'BreakStatement' && n.label?.name === label) found = true;
    for (const c of childNodes(n)) visit(c);
  };
  visit(body);
  return found;
}

/** Statements ESLint's no-unreachable does not report even when unreachable. */
function ignoredWhenUnreachable(s: Node): boolean {
  if (s.type === 'FunctionDeclaration' || s.type === 'EmptyStatement' || s.type.startsWith('TS')) return true;
  if (s.type === 'ClassDeclaration' && (s as { declare?: boolean }).declare) return true;
  return s.type === 'VariableDeclaration' && s.kind === 'var' && s.declarations.every((d) => !d.init);
}

/** Runs of unreachable statements: the first statement of each run and the last one. */
export interface UnreachableRun {
  first: Node;
  last: Node;
}

/** Every run of statements that follow a statement which cannot complete, in a whole program. */
export function unreachableRuns(program: Node): UnreachableRun[] {
  const runs: UnreachableRun[] = [];
  // Returns the statements that are dead, so the walk does not report inside them again.
  const checkList = (stmts: Node[]): Set<Node> => {
    const deadSet = new Set<Node>();
    let dead = false;
    let run: UnreachableRun | null = null;
    for (const s of stmts) {
      if (dead && !ignoredWhenUnreachable(s)) {
        deadSet.add(s);
        if (run) run.last = s;
        else {
          run = { first: s, last: s };
          runs.push(run);
        }
      }
      if (!dead && !completesNormally(s)) dead = true;
    }
    return deadSet;
  };
  const visit = (n: Node): void => {
    let dead: Set<Node> | undefined;
    if (n.type === 'BlockStatement' || n.type === 'Program' || n.type === 'StaticBlock' || n.type === 'TSModuleBlock') dead = checkList(n.body as Node[]);
    if (n.type === 'SwitchCase') dead = checkList(n.consequent);
    for (const c of childNodes(n)) if (!dead?.has(c)) visit(c);
  };
  visit(program);
  return runs;
}
