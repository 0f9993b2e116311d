import { InputError } from '@mcp/core-response';

/** One module as the bundler reports it, normalised across formats. */
export interface ModuleEntry {
  path: string;
  bytes: number;
  /** CommonJS (or otherwise not tree-shakeable), when the stats say so. */
  commonjs: boolean;
  /** The stats mark it side-effectful (webpack `sideEffects` bailouts). */
  sideEffects: boolean;
}

export interface OutputEntry {
  path: string;
  bytes: number;
  entryPoint: string | null;
}

export interface BundleStats {
  format: 'esbuild' | 'webpack' | 'rollup-plugin-visualizer';
  modules: ModuleEntry[];
  outputs: OutputEntry[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** Detects the format from the content's shape and normalises it. */
export function readStats(data: unknown): BundleStats {
  if (!isObj(data)) throw new InputError('content is JSON but not an object: expected an esbuild metafile, a webpack stats.json or rollup-plugin-visualizer data');
  if (isObj(data.inputs) && isObj(data.outputs)) return esbuild(data);
  if (isObj(data.nodeParts) && isObj(data.nodeMetas)) return visualizer(data);
  const web = Array.isArray(data.modules) || Array.isArray(data.assets) ? data : Array.isArray(data.children) && isObj(data.children[0]) ? (data.children[0] as Obj) : null;
  if (web) return webpack(web);
  throw new InputError('content is not an esbuild metafile (inputs/outputs), a webpack stats.json (assets/chunks/modules) or rollup-plugin-visualizer data (nodeParts/nodeMetas)');
}

function esbuild(data: Obj): BundleStats {
  const inputs = data.inputs as Record<string, Obj>;
  const outputs = data.outputs as Record<string, Obj>;
  const inOutput = new Map<string, number>();
  for (const out of Object.values(outputs)) {
    for (const [path, info] of Object.entries((out.inputs as Record<string, Obj>) ?? {})) inOutput.set(path, (inOutput.get(path) ?? 0) + num(info.bytesInOutput));
  }
  const modules = [...inOutput].map(([path, bytes]) => ({ path, bytes, commonjs: inputs[path]?.format === 'cjs', sideEffects: false }));
  return {
    format: 'esbuild',
    modules,
    outputs: Object.entries(outputs)
      .filter(([path]) => !path.endsWith('.map'))
      .map(([path, o]) => ({ path, bytes: num(o.bytes), entryPoint: typeof o.entryPoint === 'string' ? o.entryPoint : null })),
  };
}

function webpack(data: Obj): BundleStats {
  const modules: ModuleEntry[] = [];
  const visit = (list: unknown[]) => {
    for (const m of list) {
      if (!isObj(m)) continue;
      // A concatenated module lists its members: count those, not the wrapper.
      if (Array.isArray(m.modules) && m.modules.length) {
        visit(m.modules);
        continue;
      }
      const path = String(m.name ?? m.identifier ?? '');
      if (!path || /^(webpack\/runtime|\(webpack\)|ignored|external )/.test(path)) continue;
      const bailouts = (Array.isArray(m.optimizationBailout) ? m.optimizationBailout : []).map(String).join(' ');
      modules.push({
        path: path.replace(/ \+ \d+ modules$/, ''),
        bytes: num(m.size),
        commonjs: /CommonJS|not an ECMAScript module|module\.exports/i.test(bailouts) || m.moduleType === 'javascript/dynamic',
        sideEffects: /side effects/i.test(bailouts),
      });
    }
  };
  if (Array.isArray(data.modules)) visit(data.modules);
  else if (Array.isArray(data.chunks)) for (const c of data.chunks) if (isObj(c) && Array.isArray(c.modules)) visit(c.modules);
  const entryChunks = new Map<string, string>();
  for (const c of Array.isArray(data.chunks) ? data.chunks : []) {
    if (!isObj(c) || !(c.entry || c.initial)) continue;
    const name = Array.isArray(c.names) && c.names.length ? String(c.names[0]) : String(c.id);
    for (const f of Array.isArray(c.files) ? c.files : []) entryChunks.set(String(f), name);
  }
  const outputs = (Array.isArray(data.assets) ? data.assets : [])
    .filter((a): a is Obj => isObj(a) && !String(a.name).endsWith('.map'))
    .map((a) => ({ path: String(a.name), bytes: num(a.size), entryPoint: entryChunks.get(String(a.name)) ?? null }));
  return { format: 'webpack', modules, outputs };
}

function visualizer(data: Obj): BundleStats {
  const parts = data.nodeParts as Record<string, Obj>;
  const metas = data.nodeMetas as Record<string, Obj>;
  const modules: ModuleEntry[] = [];
  const perBundle = new Map<string, number>();
  const entries = new Map<string, string>();
  for (const meta of Object.values(metas)) {
    const id = String(meta.id ?? '');
    let bytes = 0;
    for (const [bundle, uid] of Object.entries((meta.moduleParts as Record<string, string>) ?? {})) {
      const b = num(parts[uid]?.renderedLength);
      bytes += b;
      perBundle.set(bundle, (perBundle.get(bundle) ?? 0) + b);
      if (meta.isEntry) entries.set(bundle, id);
    }
    if (id && !id.startsWith('\u0000')) modules.push({ path: id, bytes, commonjs: /\?commonjs-(module|exports|proxy)/.test(id), sideEffects: false });
  }
  return { format: 'rollup-plugin-visualizer', modules, outputs: [...perBundle].map(([path, bytes]) => ({ path, bytes, entryPoint: entries.get(path) ?? null })) };
}

/** The installed package a module path belongs to: its name and install directory. */
export function packageOf(path: string): { name: string; dir: string; version: string | null } | null {
  const p = path.replace(/\\/g, '/').replace(/\?.*$/, '');
  const idx = p.lastIndexOf('node_modules/');
  if (idx === -1) return null;
  const rest = p.slice(idx + 'node_modules/'.length).split('/');
  const name = rest[0].startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : rest[0];
  if (!name || name.startsWith('.')) return null;
  // The install directory, from the first node_modules on (absolute prefixes and ./ dropped).
  const first = p.indexOf('node_modules/');
  const dir = `${p.slice(first, idx)}node_modules/${name}`;
  // pnpm's store path carries the version: node_modules/.pnpm/<name>@<version>/node_modules/<name>.
  const pnpm = /node_modules\/\.pnpm\/((?:@[^+/]+\+)?[^@/]+)@([^_/(]+)/.exec(p.slice(first));
  const version = pnpm && pnpm[1].replace('+', '/') === name ? pnpm[2] : null;
  return { name, dir, version };
}
