import type { SyntaxNode } from '@lezer/common';
import type { PyModule } from '../shared/parse';
import { functionParts, kids, stringValue, textOf } from '../shared/syntax';

export interface Halstead {
  h1: number;
  h2: number;
  N1: number;
  N2: number;
  vocabulary: number;
  length: number;
  calculatedLength: number;
  volume: number;
  difficulty: number;
  effort: number;
  time: number;
  bugs: number;
}

const BIN_OPS: Record<string, string> = {
  '+': 'Add', '-': 'Sub', '*': 'Mult', '/': 'Div', '//': 'FloorDiv', '%': 'Mod', '**': 'Pow', '@': 'MatMult',
  '<<': 'LShift', '>>': 'RShift', '|': 'BitOr', '^': 'BitXor', '&': 'BitAnd',
};
const CMP_OPS: Record<string, string> = { '<': 'Lt', '>': 'Gt', '==': 'Eq', '!=': 'NotEq', '<>': 'NotEq', '<=': 'LtE', '>=': 'GtE', in: 'In', 'not in': 'NotIn', is: 'Is', 'is not': 'IsNot' };

/**
 * radon's HalsteadVisitor over the module: operators are BinOp, UnaryOp, BoolOp, AugAssign
 * and Compare; operands are their direct operands, identified (per function context) by a
 * name's id, an attribute's name or a constant's value, any other expression being unique.
 * Function headers (decorators, defaults) are not visited, as in radon.
 */
export function halstead(m: PyModule): Halstead {
  const operators = new Set<string>();
  const operands = new Set<string>();
  let N1 = 0;
  let N2 = 0;

  const operandKey = (n: SyntaxNode, ctx: string): string => {
    switch (n.name) {
      case 'VariableName':
        return `${ctx}\0s:${textOf(m, n)}`;
      case 'MemberExpression': {
        const k = kids(n);
        return k[1]?.name === '.' ? `${ctx}\0s:${textOf(m, k[2])}` : `${ctx}\0u:${n.from}:${n.to}`;
      }
      case 'String':
      case 'ContinuedString': {
        const v = stringValue(m, n);
        const bytes = /^[rRuU]?[bB]|^[bB]/.test(textOf(m, n));
        return v === null ? `${ctx}\0u:${n.from}:${n.to}` : `${ctx}\0${bytes ? 'b' : 's'}:${v}`;
      }
      case 'Number': {
        const t = textOf(m, n).replace(/_/g, '');
        const v = /[jJ]$/.test(t) ? t : /^0[oO]/.test(t) ? parseInt(t.slice(2), 8) : /^0[bB]/.test(t) ? parseInt(t.slice(2), 2) : Number(t);
        return `${ctx}\0n:${v}`;
      }
      case 'Boolean':
        return `${ctx}\0n:${textOf(m, n) === 'True' ? 1 : 0}`;
      case 'None':
        return `${ctx}\0None`;
      default:
        return `${ctx}\0u:${n.from}:${n.to}:${n.type.id}`;
    }
  };

  const add = (ops: string[], vals: SyntaxNode[], ctx: string) => {
    N1 += ops.length;
    N2 += vals.length;
    for (const o of ops) operators.add(o);
    for (const v of vals) operands.add(operandKey(v, ctx));
  };

  const boolOp = (n: SyntaxNode) => {
    const k = kids(n);
    return k.length === 3 && (k[1].name === 'and' || k[1].name === 'or') ? k[1].name : null;
  };
  const compareOp = (n: SyntaxNode): string[] | null => {
    const k = kids(n);
    if (n.name !== 'BinaryExpression') return null;
    if (k.length === 3 && k[1].name === 'CompareOp') return [CMP_OPS[textOf(m, k[1])] ?? 'Eq'];
    if (k.length === 3 && (k[1].name === 'in' || k[1].name === 'is')) return [CMP_OPS[k[1].name]];
    if (k.length === 4 && k[1].name === 'not' && k[2].name === 'in') return ['NotIn'];
    if (k.length === 4 && k[1].name === 'is' && k[2].name === 'not') return ['IsNot'];
    return null;
  };

  const visit = (n: SyntaxNode, ctx: string): void => {
    switch (n.name) {
      case 'FunctionDefinition': {
        const f = functionParts(n);
        const inner = textOf(m, f.name);
        for (let c = f.body.firstChild; c; c = c.nextSibling) visit(c, inner);
        return;
      }
      case 'DecoratedStatement':
        for (const c of kids(n)) if (c.name !== 'Decorator' || kids(n).some((x) => x.name === 'ClassDefinition')) visit(c, ctx);
        return;
      case 'BinaryExpression': {
        const k = kids(n);
        const bool = boolOp(n);
        if (bool) {
          // A chain `a and b and c` is one BoolOp with three values in Python's AST.
          const parent = n.parent;
          const merged = parent && boolOp(parent) === bool && parent.firstChild?.from === n.from && parent.firstChild.to === n.to;
          if (!merged) {
            const values: SyntaxNode[] = [];
            const flatten = (x: SyntaxNode) => {
              const xk = kids(x);
              if (boolOp(x) === bool) {
                flatten(xk[0]);
                values.push(xk[2]);
              } else values.push(x);
            };
            flatten(n);
            add([bool === 'and' ? 'And' : 'Or'], values, ctx);
          }
        } else {
          const cmp = compareOp(n);
          if (cmp) {
            const parent = n.parent;
            const merged = parent && compareOp(parent) && parent.firstChild?.from === n.from && parent.firstChild.to === n.to;
            if (!merged) {
              const ops: string[] = [];
              const vals: SyntaxNode[] = [];
              const flatten = (x: SyntaxNode) => {
                const c = compareOp(x);
                if (c) {
                  const xk = kids(x);
                  flatten(xk[0]);
                  ops.push(...c);
                  vals.push(xk[xk.length - 1]);
                } else vals.push(x);
              };
              flatten(n);
              add(ops, vals, ctx);
            }
          } else if (k.length === 3 && BIN_OPS[textOf(m, k[1])]) add([BIN_OPS[textOf(m, k[1])]], [k[0], k[2]], ctx);
        }
        break;
      }
      case 'UnaryExpression': {
        const k = kids(n);
        const op = textOf(m, k[0]);
        add([op === 'not' ? 'Not' : op === '-' ? 'USub' : op === '+' ? 'UAdd' : 'Invert'], [k[1]], ctx);
        break;
      }
      case 'UpdateStatement': {
        const k = kids(n);
        const op = textOf(m, k[1]).slice(0, -1);
        const value = k.slice(2);
        add([BIN_OPS[op] ?? op], [k[0], value.length === 1 ? value[0] : n], ctx);
        break;
      }
    }
    for (let c = n.firstChild; c; c = c.nextSibling) visit(c, ctx);
  };
  visit(m.top, '');

  const h1 = operators.size;
  const h2 = operands.size;
  const vocabulary = h1 + h2;
  const length = N1 + N2;
  const calculatedLength = h1 && h2 ? h1 * Math.log2(h1) + h2 * Math.log2(h2) : 0;
  const volume = vocabulary ? length * Math.log2(vocabulary) : 0;
  const difficulty = h2 ? (h1 * N2) / (2 * h2) : 0;
  const effort = difficulty * volume;
  return { h1, h2, N1, N2, vocabulary, length, calculatedLength, volume, difficulty, effort, time: effort / 18, bugs: volume / 3000 };
}
