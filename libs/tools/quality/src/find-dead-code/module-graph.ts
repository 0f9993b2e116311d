import type { Node } from '@babel/types';
import { parseModule, type ParsedModule } from '../shared/parse';
import { walk } from '@mcp/core-js';
import { scopesOf } from '../shared/scope';

export interface ExportEntry {
  name: string;
  kind: 'value' | 'type';
  line: number;
  column: number;
  /** What the export declares: function, class, enum, variable, type, interface. */
  declares: string;
  /** A type referenced by other code of its own file (part of a used export's signature). */
  usedInFile?: boolean;
}
export interface ReExport {
  from: string;
  /** name exported here -> name in the source module; '*' for `export * from`. */
  exported: string;
  local: string;
}
export interface ImportEntry {
  from: string;
  /** Imported names; '*' for namespace imports, dynamic import() and require(); none for side effects. */
  names: string[];
}
export interface ModuleInfo {
  path: string;
  mod: ParsedModule;
  exports: ExportEntry[];
  reExports: ReExport[];
  imports: ImportEntry[];
}

export const SOURCE_EXT = /\.(?:[cm]?[jt]sx?)$/;

function pos(n: Node) {
  return { line: n.loc?.start.line ?? 1, column: (n.loc?.start.column ?? 0) + 1 };
}

export function moduleInfo(path: string, content: string): ModuleInfo {
  let mod: ParsedModule;
  try {
    mod = parseModule(content, { source: path });
  } catch (e) {
    throw (e as { in?: (p: string) => Error }).in ? (e as { in: (p: string) => Error }).in(path) : e;
  }
  const exports: ExportEntry[] = [];
  const reExports: ReExport[] = [];
  const imports: ImportEntry[] = [];
  for (const s of mod.ast.program.body) {
    if (s.type === 'ImportDeclaration') {
      imports.push({
        from: s.source.value,
        names: s.specifiers.map((sp) => (sp.type === 'ImportDefaultSpecifier' ? 'default' : sp.type === 'ImportNamespaceSpecifier' ? '*' : sp.imported.type === 'Identifier' ? sp.imported.name : sp.imported.value)),
      });
    } else if (s.type === 'ExportAllDeclaration') {
      reExports.push({ from: s.source.value, exported: '*', local: '*' });
    } else if (s.type === 'ExportNamedDeclaration') {
      if (s.source) {
        for (const sp of s.specifiers) {
          const exported = sp.exported.type === 'Identifier' ? sp.exported.name : sp.exported.value;
          const local = sp.type === 'ExportSpecifier' ? (sp.local.type === 'Identifier' ? sp.local.name : (sp.local as unknown as { value: string }).value) : '*';
          reExports.push({ from: s.source.value, exported, local });
        }
        continue;
      }
      const d = s.declaration;
      if (d) {
        const typeKind = d.type === 'TSTypeAliasDeclaration' || d.type === 'TSInterfaceDeclaration';
        const declares = d.type === 'FunctionDeclaration' || d.type === 'TSDeclareFunction' ? 'function' : d.type === 'ClassDeclaration' ? 'class' : d.type === 'TSEnumDeclaration' ? 'enum' : d.type === 'TSTypeAliasDeclaration' ? 'type' : d.type === 'TSInterfaceDeclaration' ? 'interface' : d.type === 'TSModuleDeclaration' ? 'namespace' : 'variable';
        if (d.type === 'VariableDeclaration') {
          for (const decl of d.declarations) {
            const names: Node[] = [];
            collect(decl.id, names);
            for (const n of names) exports.push({ name: (n as { name: string }).name, kind: 'value', declares, ...pos(n) });
          }
        } else if ('id' in d && d.id && d.id.type === 'Identifier') {
          exports.push({ name: d.id.name, kind: typeKind ? 'type' : 'value', declares, ...pos(d.id) });
        }
      }
      for (const sp of s.specifiers) {
        if (sp.type !== 'ExportSpecifier') continue;
        const exported = sp.exported.type === 'Identifier' ? sp.exported.name : sp.exported.value;
        exports.push({ name: exported, kind: s.exportKind === 'type' || sp.exportKind === 'type' ? 'type' : 'value', declares: 'variable', ...pos(sp) });
      }
    } else if (s.type === 'ExportDefaultDeclaration') {
      exports.push({ name: 'default', kind: 'value', declares: s.declaration.type === 'ClassDeclaration' ? 'class' : s.declaration.type === 'FunctionDeclaration' ? 'function' : 'variable', ...pos(s) });
    }
  }
  // Dynamic import('x') and require('x') use the whole module.
  walk(mod.ast.program, {
    enter(n) {
      if ((n.type === 'CallExpression' && ((n.callee.type === 'Import') || (n.callee.type === 'Identifier' && n.callee.name === 'require'))) || n.type === 'ImportExpression' as string) {
        const arg = (n as { arguments?: Node[]; source?: Node }).arguments?.[0] ?? (n as { source?: Node }).source;
        if (arg && arg.type === 'StringLiteral') imports.push({ from: arg.value, names: ['*'] });
        if (arg && arg.type === 'TemplateLiteral' && arg.expressions.length === 0) imports.push({ from: arg.quasis[0].value.cooked ?? '', names: ['*'] });
      }
    },
  });
  // knip does not report an exported type that the public surface of another export of the same
  // file uses (a function's parameter or return type, a variable or class annotation); uses inside
  // function bodies, non-exported code or other type declarations do not count.
  if (!exports.some((e) => e.kind === 'type')) return { path, mod, exports, reExports, imports };
  const { bindings } = scopesOf(mod);
  const surface: Array<[number, number]> = [];
  const bodies: Array<[number, number]> = [];
  for (const st of mod.ast.program.body) {
    if (st.type !== 'ExportNamedDeclaration' && st.type !== 'ExportDefaultDeclaration') continue;
    const d = st.declaration as Node | null;
    if (!d || d.type === 'TSInterfaceDeclaration' || d.type === 'TSTypeAliasDeclaration') continue;
    surface.push([d.start ?? 0, d.end ?? 0]);
    walk(d, {
      enter(n) {
        if (/Function|Method/.test(n.type) && 'body' in n && (n as { body: Node }).body?.type === 'BlockStatement') {
          const body = (n as { body: Node }).body;
          bodies.push([body.start ?? 0, body.end ?? 0]);
        }
      },
    });
  }
  const inside = (ranges: Array<[number, number]>, o: number) => ranges.some(([x, y]) => o >= x && o < y);
  for (const e of exports) {
    if (e.kind !== 'type') continue;
    e.usedInFile = bindings.some((b) => b.name === e.name && b.kind === 'type' && b.refs.some((r) => inside(surface, r.id.start ?? 0) && !inside(bodies, r.id.start ?? 0)));
  }
  return { path, mod, exports, reExports, imports };
}

function collect(p: Node | null | undefined, out: Node[]): void {
  if (!p) return;
  if (p.type === 'Identifier') out.push(p);
  else if (p.type === 'ObjectPattern') for (const q of p.properties) collect(q.type === 'RestElement' ? q.argument : (q.value as Node), out);
  else if (p.type === 'ArrayPattern') for (const e of p.elements) collect(e, out);
  else if (p.type === 'AssignmentPattern') collect(p.left, out);
  else if (p.type === 'RestElement') collect(p.argument, out);
}

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.d.ts'];

function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

/** Node/TypeScript-style resolution of a relative specifier among the given files. */
export function resolveSpecifier(from: string, spec: string, files: Set<string>): string | null {
  if (!spec.startsWith('.') && !spec.startsWith('/')) return null;
  const dir = from.includes('/') ? from.slice(0, from.lastIndexOf('/')) : '';
  const base = normalize(spec.startsWith('/') ? spec : `${dir}/${spec}`);
  const candidates = [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => `${base}/index${e}`)];
  // TypeScript ESM: `./x.js` names `./x.ts`.
  const m = /^(.*)\.([cm]?)js(x?)$/.exec(base);
  if (m) candidates.push(`${m[1]}.${m[2]}ts${m[3]}`, `${m[1]}.${m[2]}tsx`);
  return candidates.find((c) => files.has(c)) ?? null;
}

/** Minimal glob matching: **, *, ?, {a,b}. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
        i += glob[i + 2] === '/' ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      re += `(?:${glob.slice(i + 1, end).split(',').map((s) => s.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')).join('|')})`;
      i = end;
    } else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}
