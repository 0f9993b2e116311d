import type { SyntaxNode } from '@lezer/common';
import type { PyModule } from '../shared/parse';
import { classParts, functionParts, kids, lineOf, statements, textOf } from '../shared/syntax';

export interface Block {
  type: 'function' | 'method' | 'class';
  name: string;
  line: number;
  endLine: number;
  complexity: number;
  rank: string;
}

/** radon's cc_rank: A 1–5, B 6–10, C 11–20, D 21–30, E 31–40, F 41+. */
export function ccRank(cc: number): string {
  const tens = Math.max(Math.ceil(cc / 10), 1) - (5 - cc < 0 ? 0 : 1);
  return String.fromCharCode(65 + Math.min(Math.max(tens, 0), 5));
}

const DEFS = new Set(['FunctionDefinition', 'ClassDefinition']);

/**
 * Decision points below a node, stopping at nested defs (radon's ComplexityVisitor with
 * off=False): if/elif, ternaries, loops (+1 with else), except clauses and try-else, each
 * and/or, each comprehension `for` plus its `if`s, assert.
 */
export function decisionPoints(m: PyModule, node: SyntaxNode): number {
  let total = 0;
  const visit = (n: SyntaxNode) => {
    switch (n.name) {
      case 'FunctionDefinition':
      case 'ClassDefinition':
        return;
      case 'if':
      case 'elif':
        if (n.parent?.name === 'IfStatement' || n.parent?.name === 'ConditionalExpression') total++;
        else if (n.parent && /Comprehension|ArgList/.test(n.parent.name)) total++;
        return;
      case 'ForStatement':
      case 'WhileStatement':
        total += 1 + (kids(n).some((c) => c.name === 'else') ? 1 : 0);
        break;
      case 'TryStatement':
        for (const c of kids(n)) if (c.name === 'except' || c.name === 'else') total++;
        break;
      case 'AssertStatement':
        // radon's visit_Assert adds one and does not look inside.
        total++;
        return;
      case 'and':
      case 'or':
        if (n.parent?.name === 'BinaryExpression') total++;
        return;
      case 'for':
        if (n.parent && /Comprehension|ArgList/.test(n.parent.name)) total++;
        return;
    }
    for (let c = n.firstChild; c; c = c.nextSibling) visit(c);
  };
  for (let c = node.firstChild; c; c = c.nextSibling) visit(c);
  void m;
  return total;
}

/** Functions and classes directly under a scope, looking through if/try/with/for but not into defs. */
function definitionsIn(body: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const visit = (n: SyntaxNode) => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (DEFS.has(c.name)) out.push(c);
      else visit(c);
    }
  };
  visit(body);
  return out;
}

/** Last line holding code of a node (radon: the last node's line, not a closing bracket). */
function endLine(m: PyModule, n: SyntaxNode): number {
  let end = n.to;
  while (end > n.from && /\s/.test(m.text[end - 1])) end--;
  let line = lineOf(m, end - 1);
  // A lone closing bracket line is not a node line in Python's AST.
  while (line > lineOf(m, n) && /^[\s)\]}]*$/.test(m.lines.lineText(line))) line--;
  return line;
}

interface FunctionBlock {
  name: string;
  complexity: number;
  node: SyntaxNode;
}

function functionBlock(m: PyModule, n: SyntaxNode): FunctionBlock {
  const f = functionParts(n);
  return { name: textOf(m, f.name), complexity: 1 + decisionPoints(m, f.body), node: n };
}

export interface ComplexityResult {
  blocks: Block[];
  /** radon's total_complexity, the CC term of the maintainability index. */
  total: number;
}

export function complexity(m: PyModule): ComplexityResult {
  const blocks: Block[] = [];
  let total = 1 + decisionPoints(m, m.top);
  for (const def of definitionsIn(m.top)) {
    const start = lineOf(m, def);
    if (def.name === 'FunctionDefinition') {
      const f = functionBlock(m, def);
      blocks.push({ type: 'function', name: f.name, line: start, endLine: endLine(m, def), complexity: f.complexity, rank: ccRank(f.complexity) });
      total += f.complexity - 1;
      continue;
    }
    const c = classParts(def);
    const className = textOf(m, c.name);
    const methods = definitionsIn(c.body).filter((d) => d.name === 'FunctionDefinition').map((d) => functionBlock(m, d));
    const real = 1 + decisionPoints(m, c.body) + methods.reduce((s, f) => s + f.complexity, 0);
    const cc = methods.length ? Math.trunc(real / methods.length) + (methods.length > 1 ? 1 : 0) : real;
    total += real - 1;
    blocks.push({ type: 'class', name: className, line: start, endLine: endLine(m, def), complexity: cc, rank: ccRank(cc) });
    for (const f of methods) {
      blocks.push({ type: 'method', name: `${className}.${f.name}`, line: lineOf(m, f.node), endLine: endLine(m, f.node), complexity: f.complexity, rank: ccRank(f.complexity) });
    }
  }
  void statements;
  return { blocks, total };
}
