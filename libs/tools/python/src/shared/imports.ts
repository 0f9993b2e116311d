import type { SyntaxNode } from '@lezer/common';
import type { PyModule } from './parse';
import { importsOf } from './scope';
import { dottedName, lineOf } from './syntax';

export interface ModuleImport {
  /** Absolute module path as written (`os.path`, `yaml`), `.x` for relative imports. */
  module: string;
  /** Top-level package (`os` for `os.path`); empty for relative imports. */
  top: string;
  node: SyntaxNode;
  line: number;
  relative: boolean;
  /** Inside `if TYPE_CHECKING:` or a try guarded by `except ImportError`. */
  guarded: boolean;
}

/** Every import statement of a module (any depth), as module paths. */
export function moduleImports(m: PyModule): ModuleImport[] {
  const out: ModuleImport[] = [];
  m.tree.iterate({
    enter: (ref) => {
      if (ref.name !== 'ImportStatement') return;
      const n = ref.node;
      const guarded = isGuarded(m, n);
      const seen = new Set<string>();
      for (const imp of importsOf(m, n)) {
        const relative = imp.info.module.startsWith('.');
        const mod = n.firstChild!.name === 'import' ? imp.info.fullName : imp.info.module;
        if (seen.has(mod)) continue;
        seen.add(mod);
        out.push({ module: mod, top: relative ? '' : mod.split('.')[0], node: imp.node, line: lineOf(m, n), relative, guarded });
      }
      return false;
    },
  });
  return out;
}

function isGuarded(m: PyModule, n: SyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.name === 'IfStatement' && /^if\s+(typing\.)?TYPE_CHECKING\s*:/.test(m.text.slice(p.from, p.from + 40))) return true;
    if (p.name === 'TryStatement' && /except\s*\(?[^:]*\b(ImportError|ModuleNotFoundError)\b/.test(m.text.slice(p.from, p.to))) return true;
  }
  return false;
}

/**
 * Local name -> qualified name, from the module's imports, the way bandit resolves
 * `sp.Popen` to `subprocess.Popen` and `Popen` (from subprocess import Popen) likewise.
 */
export function importAliases(m: PyModule): Map<string, string> {
  const map = new Map<string, string>();
  m.tree.iterate({
    enter: (ref) => {
      if (ref.name !== 'ImportStatement') return;
      const n = ref.node;
      const isFrom = n.firstChild!.name === 'from';
      for (const imp of importsOf(m, n)) {
        if (imp.star) continue;
        if (!isFrom) map.set(imp.bound, imp.info.alias ? imp.info.fullName : imp.bound);
        else map.set(imp.bound, imp.info.fullName.replace(/^\.+/, ''));
      }
      return false;
    },
  });
  return map;
}

/** The qualified name of a callee, resolving its first part through the import aliases. */
export function qualifiedName(m: PyModule, callee: SyntaxNode, aliases: Map<string, string>): string | null {
  const dotted = dottedName(m, callee);
  if (dotted === null) return null;
  const [head, ...rest] = dotted.split('.');
  const resolved = aliases.get(head);
  return resolved ? [resolved, ...rest].join('.') : dotted;
}
