import type { Node } from '@babel/types';
import type { ParsedModule } from '../shared/parse';
import { walk } from '@mcp/core-js';

export interface UnusedMember {
  name: string;
  node: Node;
  className: string;
}

/** A read of a member: not the target of a plain assignment, nor a `x++;`/`x += 1;` statement. */
function isRead(member: Node, parent: Node | null, grand: Node | null): boolean {
  if (!parent) return true;
  if (parent.type === 'AssignmentExpression' && parent.left === member) {
    return parent.operator !== '=' && grand?.type !== 'ExpressionStatement';
  }
  if (parent.type === 'UpdateExpression') return grand?.type !== 'ExpressionStatement' && grand?.type !== 'ForStatement';
  // Destructuring targets and for-in/of targets are writes.
  if ((parent.type === 'ArrayPattern' || parent.type === 'ObjectProperty') && grand && /Pattern/.test(grand.type)) return false;
  if ((parent.type === 'ForInStatement' || parent.type === 'ForOfStatement') && parent.left === member) return false;
  return true;
}

/**
 * ESLint's no-unused-private-class-members (#x fields and methods never read), extended to
 * TypeScript `private` members never read through a member access inside the class.
 */
export function unusedPrivateMembers(mod: ParsedModule): UnusedMember[] {
  const out: UnusedMember[] = [];
  walk(mod.ast.program, {
    enter(node, parent) {
      if (node.type !== 'ClassDeclaration' && node.type !== 'ClassExpression') return;
      const className = node.id?.name ?? (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' ? parent.id.name : '<anonymous class>');
      const members = new Map<string, { node: Node; used: boolean }>();
      for (const m of node.body.body) {
        if (m.type === 'ClassPrivateProperty' || m.type === 'ClassPrivateMethod' || m.type === 'ClassAccessorProperty' && m.key.type === 'PrivateName') {
          const key = m.key as Node & { type: 'PrivateName' };
          members.set(`#${key.id.name}`, { node: m.key, used: false });
        } else if ((m.type === 'ClassProperty' || m.type === 'ClassMethod' || m.type === 'TSDeclareMethod') && m.accessibility === 'private' && !m.computed && m.key.type === 'Identifier') {
          if (m.type === 'ClassMethod' && m.kind === 'constructor') continue;
          members.set(m.key.name, { node: m.key, used: false });
        }
      }
      // constructor(private readonly x) parameter properties.
      for (const m of node.body.body) {
        if (m.type === 'ClassMethod' && m.kind === 'constructor') {
          for (const p of m.params) {
            if (p.type === 'TSParameterProperty' && p.accessibility === 'private') {
              const id = p.parameter.type === 'AssignmentPattern' ? p.parameter.left : p.parameter;
              if (id.type === 'Identifier') members.set(id.name, { node: id, used: false });
            }
          }
        }
      }
      if (members.size === 0) return;
      walk(node.body, {
        enter(n, p, anc) {
          if ((n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') && !n.computed) {
            const name = n.property.type === 'PrivateName' ? `#${n.property.id.name}` : n.property.type === 'Identifier' ? n.property.name : '';
            const entry = members.get(name);
            if (entry && isRead(n, p, anc[anc.length - 2] ?? null)) entry.used = true;
          }
          // `#x in obj` is a use (brand check).
          if (n.type === 'BinaryExpression' && n.operator === 'in' && n.left.type === 'PrivateName') {
            const entry = members.get(`#${n.left.id.name}`);
            if (entry) entry.used = true;
          }
          // `const { x } = this` reads x.
          if (n.type === 'VariableDeclarator' && n.init?.type === 'ThisExpression' && n.id.type === 'ObjectPattern') {
            for (const prop of n.id.properties) {
              if (prop.type === 'ObjectProperty' && prop.key.type === 'Identifier') {
                const entry = members.get(prop.key.name);
                if (entry) entry.used = true;
              }
            }
          }
        },
      });
      for (const [name, m] of members) if (!m.used) out.push({ name, node: m.node, className });
    },
  });
  return out;
}
