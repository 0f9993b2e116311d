import type { File, Node } from '@babel/types';
import { walk } from '@mcp/core-js';

export type ImportKind = 'import' | 'export' | 'require' | 'require.resolve' | 'dynamic' | 'import-equals' | 'import-type';

export interface ImportRef {
  specifier: string;
  kind: ImportKind;
  /** Erased at compile time: `import type`, `export type`, `import('x').T` in a type position. */
  typeOnly: boolean;
  line: number;
  column: number;
}

/**
 * Every module a file refers to, from the AST (so comments and strings are never imports):
 * static imports and re-exports, `require()`, `require.resolve()`, `import()` with a literal,
 * `import x = require()`, and `import('x')` types.
 */
export function collectImports(ast: File): ImportRef[] {
  const out: ImportRef[] = [];
  const push = (source: Node | null | undefined, kind: ImportKind, typeOnly: boolean, at: Node) => {
    const specifier = literal(source);
    if (specifier === undefined) return;
    const loc = (source ?? at).loc?.start ?? at.loc!.start;
    out.push({ specifier, kind, typeOnly, line: loc.line, column: loc.column + 1 });
  };
  walk(ast.program, {
    enter(node) {
      switch (node.type) {
        case 'ImportDeclaration': {
          const allTypes = node.importKind === 'type' || (node.specifiers.length > 0 && node.specifiers.every((s) => s.type === 'ImportSpecifier' && s.importKind === 'type'));
          push(node.source, 'import', allTypes, node);
          return false;
        }
        case 'ExportNamedDeclaration':
          if (node.source) push(node.source, 'export', node.exportKind === 'type', node);
          break;
        case 'ExportAllDeclaration':
          push(node.source, 'export', node.exportKind === 'type', node);
          return false;
        case 'TSImportEqualsDeclaration':
          if (node.moduleReference.type === 'TSExternalModuleReference') push(node.moduleReference.expression, 'import-equals', node.importKind === 'type', node);
          break;
        case 'TSImportType':
          push((node as unknown as { argument: Node }).argument, 'import-type', true, node);
          break;
        case 'CallExpression': {
          const callee = node.callee;
          if (callee.type === 'Import' && node.arguments.length >= 1) push(node.arguments[0], 'dynamic', false, node);
          else if (callee.type === 'Identifier' && callee.name === 'require' && node.arguments.length === 1) push(node.arguments[0], 'require', false, node);
          else if (
            callee.type === 'MemberExpression' &&
            callee.object.type === 'Identifier' &&
            callee.object.name === 'require' &&
            callee.property.type === 'Identifier' &&
            callee.property.name === 'resolve' &&
            node.arguments.length >= 1
          ) {
            push(node.arguments[0], 'require.resolve', false, node);
          }
          break;
        }
        case 'ImportExpression':
          push((node as unknown as { source: Node }).source, 'dynamic', false, node);
          break;
      }
      return undefined;
    },
  });
  return out;
}

function literal(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'StringLiteral') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  if (node.type === 'TSLiteralType') return literal(node.literal as Node);
  return undefined;
}

/** `lodash/fp` -> `lodash`, `@babel/core/lib/x` -> `@babel/core`; undefined for relative, absolute, `#imports` and URLs. */
export function packageNameOf(specifier: string): string | undefined {
  if (!specifier || /^[./#]/.test(specifier) || /^[a-z][a-z0-9+.-]*:/i.test(specifier)) return undefined;
  const parts = specifier.split('/');
  if (specifier.startsWith('@')) return parts.length >= 2 && parts[1] ? `${parts[0]}/${parts[1]}` : undefined;
  return parts[0];
}
