import type { Node } from '@babel/types';
import { parseSource } from '../shared/parse-source';
import { walk } from '@mcp/core-js';

export type CodeFormat = 'ESM' | 'CJS' | 'mixed' | 'unknown';

export interface FormatInfo {
  format: CodeFormat;
  /** `exports.__esModule = true` together with `exports.default = <something>` (publint #187). */
  esModuleWithDefault: boolean;
}

/**
 * ESM or CommonJS, decided from the AST rather than publint's regexes, so code in strings and
 * comments never counts: ESM = import/export declarations or `import.meta`; CJS = `module.exports`,
 * `exports.x`, `require()`, `global.x`, `Object.defineProperty(exports, …)`.
 */
export function codeFormat(code: string, path: string): FormatInfo {
  const { ast } = parseSource(code, path);
  let esm = false;
  let cjs = false;
  let esModuleFlag = false;
  let defaultAssigned = false;
  for (const stmt of ast.program.body) {
    if (stmt.type === 'ImportDeclaration' || stmt.type.startsWith('Export')) esm = true;
  }
  walk(ast.program, {
    enter(node: Node) {
      if (node.type === 'MetaProperty' && node.meta.name === 'import') esm = true;
      else if (node.type === 'MemberExpression' && node.object.type === 'Identifier') {
        const obj = node.object.name;
        const prop = node.property.type === 'Identifier' ? node.property.name : node.property.type === 'StringLiteral' ? node.property.value : undefined;
        if ((obj === 'module' && prop === 'exports') || (obj === 'exports' && prop) || (obj === 'global' && prop)) cjs = true;
      } else if (node.type === 'CallExpression') {
        const c = node.callee;
        if (c.type === 'Identifier' && c.name === 'require') cjs = true;
        if (
          c.type === 'MemberExpression' &&
          c.object.type === 'Identifier' &&
          c.object.name === 'Object' &&
          c.property.type === 'Identifier' &&
          /^(defineProperty|defineProperties|assign)$/.test(c.property.name) &&
          node.arguments[0]?.type === 'Identifier' &&
          node.arguments[0].name === 'exports'
        ) {
          cjs = true;
          const key = node.arguments[1];
          if (c.property.name === 'defineProperty' && key?.type === 'StringLiteral' && key.value === '__esModule') esModuleFlag = true;
        }
      } else if (node.type === 'AssignmentExpression' && node.left.type === 'MemberExpression' && node.left.object.type === 'Identifier' && node.left.object.name === 'exports') {
        const p = node.left.property;
        const name = p.type === 'Identifier' ? p.name : p.type === 'StringLiteral' ? p.value : undefined;
        if (name === '__esModule' && node.right.type === 'BooleanLiteral' && node.right.value) esModuleFlag = true;
        // publint's EXPORTS_DEFAULT_PATTERN_RE: the value's first 7 characters contain no space
        // (so `void 0` placeholders and `(0, x)` calls do not count), and it is neither
        // `exports` nor an object literal.
        const rhs = code.slice(node.right.start ?? 0, (node.right.start ?? 0) + 8);
        if (name === 'default' && /^[^\s]{7}./.test(rhs) && !/^exports;?$/.test(rhs.trimEnd()) && !rhs.startsWith('{')) defaultAssigned = true;
      }
      return undefined;
    },
  });
  const format: CodeFormat = esm && cjs ? 'mixed' : esm ? 'ESM' : cjs ? 'CJS' : 'unknown';
  return { format, esModuleWithDefault: esModuleFlag && defaultAssigned };
}
