import { ParseError } from '@mcp/core-response';
import { sourceOf, unreferencedEntries, type LockEntry, type Lockfile } from './model';

interface Block {
  header: string;
  line: number;
  specifiers: string[];
  fields: Record<string, string>;
  maps: Record<string, Record<string, string>>;
}

/**
 * yarn.lock, classic (v1: `key "value"`) and Berry (a YAML subset: `key: value`). Both are
 * line-oriented with two-space indentation, so one reader covers them and keeps every line
 * number, which a general YAML parser would make slower on megabyte lockfiles.
 */
export function parseYarnLock(text: string, source?: string): Lockfile {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  let berryVersion: string | undefined;
  let block: Block | undefined;
  let mapName: string | undefined;
  let inMetadata = false;
  const fail = (msg: string, line: number, column: number): never => {
    throw new ParseError(msg, line, column, source);
  };
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].replace(/\r$/, '');
    const lineNo = i + 1;
    if (raw.trim() === '' || /^\s*#/.test(raw)) continue;
    const indent = raw.length - raw.trimStart().length;
    if (raw.slice(0, indent).includes('\t')) fail('Tabs are not allowed for indentation', lineNo, raw.indexOf('\t') + 1);
    const body = raw.slice(indent);
    if (indent === 0) {
      if (!body.endsWith(':')) fail(`Expected a package header ending with ':'`, lineNo, body.length + 1);
      const header = body.slice(0, -1);
      mapName = undefined;
      if (header === '__metadata') {
        inMetadata = true;
        block = undefined;
        continue;
      }
      inMetadata = false;
      block = { header, line: lineNo, specifiers: splitSpecifiers(header, lineNo, fail), fields: {}, maps: {} };
      blocks.push(block);
      continue;
    }
    const kv = readKeyValue(body, lineNo, indent, fail);
    if (inMetadata) {
      if (indent === 2 && kv.key === 'version') berryVersion = kv.value;
      continue;
    }
    if (!block) throw new ParseError('Indented line outside of a package block', lineNo, 1, source);
    if (indent === 2) {
      if (kv.value === undefined) {
        mapName = kv.key;
        block.maps[mapName] = {};
      } else {
        mapName = undefined;
        block.fields[kv.key] = kv.value;
      }
    } else if (indent === 4 && mapName) {
      block.maps[mapName][kv.key] = kv.value ?? '';
    } else if (indent > 4 && mapName) {
      continue; // dependenciesMeta: { pkg: { optional: true } }: nothing we need
    } else {
      fail(`Unexpected indentation of ${indent} spaces`, lineNo, indent + 1);
    }
  }
  const berry = berryVersion !== undefined;
  if (!berry && !/^# yarn lockfile v1/m.test(text) && blocks.length > 0 && !blocks[0].fields.version) {
    fail('Not a yarn.lock: the first block has no version', blocks[0].line, 1);
  }

  const bySpecifier = new Map<string, LockEntry>();
  const entries: LockEntry[] = [];
  let workspaceRoot: LockEntry | undefined;
  for (const b of blocks) {
    const name = nameOf(b.specifiers[0]);
    const resolution = b.fields.resolution;
    const resolvedSpec = berry ? resolution?.slice(nameOf(resolution).length + 1) : b.fields.resolved;
    let source: LockEntry['source'];
    let resolved: string | undefined;
    if (berry) {
      source = /^npm:/.test(resolvedSpec ?? '') ? 'registry'
        : /^workspace:/.test(resolvedSpec ?? '') ? 'workspace'
          : /^(link|portal):/.test(resolvedSpec ?? '') ? 'link'
            : /^(file|patch):/.test(resolvedSpec ?? '') ? 'file'
              : (sourceOf(resolvedSpec) ?? 'file');
      resolved = source === 'registry' || source === 'workspace' ? undefined : resolvedSpec;
      if (source === 'tarball' || (source === 'registry' && resolvedSpec && /^https?:/.test(resolvedSpec))) resolved = resolvedSpec;
    } else {
      resolved = b.fields.resolved;
      source = sourceOf(resolved) ?? 'file';
    }
    const entry: LockEntry = {
      id: b.header,
      name,
      version: b.fields.version ?? '',
      resolved,
      integrity: berry ? b.fields.checksum : b.fields.integrity,
      line: b.line,
      dependencies: { ...b.maps.dependencies, ...b.maps.optionalDependencies, ...b.maps.peerDependencies },
      source,
    };
    if (berry && source === 'workspace' && /@workspace:\.$/.test(resolution ?? '')) workspaceRoot = entry;
    entries.push(entry);
    for (const spec of b.specifiers) bySpecifier.set(spec, entry);
  }
  const resolve = (_from: LockEntry, name: string, range: string): LockEntry | undefined =>
    bySpecifier.get(`${name}@${range}`) ?? bySpecifier.get(`${name}@npm:${range}`);
  const packageEntries = entries.filter((e) => e !== workspaceRoot);
  const roots = workspaceRoot
    ? [
        ...Object.entries(workspaceRoot.dependencies).map(([n, r]) => resolve(workspaceRoot!, n, r)).filter((e): e is LockEntry => !!e),
        ...packageEntries.filter((e) => e.source === 'workspace'),
      ]
    : unreferencedEntries(packageEntries, resolve);
  return {
    format: berry ? 'yarn-berry' : 'yarn-classic',
    formatVersion: berry ? berryVersion! : '1',
    // Berry records the root workspace as a block; it is the project itself, not an installed copy.
    entries: packageEntries,
    roots: [...new Set(roots)],
    resolve,
  };
}

/** `"a@^1", a@^1.2` or Berry's `"a@npm:^1, a@npm:^1.2"` -> each specifier. */
function splitSpecifiers(header: string, line: number, fail: (m: string, l: number, c: number) => never): string[] {
  const out: string[] = [];
  const unquoted = header.startsWith('"') && header.endsWith('"') && !header.slice(1, -1).includes('"') ? header.slice(1, -1) : header;
  let pos = 0;
  for (const part of unquoted.split(',')) {
    let s = part.trim();
    if (s.startsWith('"')) {
      if (!s.endsWith('"') || s.length < 2) fail('Unterminated quoted specifier', line, pos + 1);
      s = s.slice(1, -1);
    }
    if (!s || nameOf(s) === s) fail(`Invalid package specifier ${JSON.stringify(s)}`, line, pos + 1);
    out.push(s);
    pos += part.length + 1;
  }
  return out;
}

function nameOf(spec: string): string {
  const at = spec.indexOf('@', spec.startsWith('@') ? 1 : 0);
  return at === -1 ? spec : spec.slice(0, at);
}

function readKeyValue(body: string, line: number, indent: number, fail: (m: string, l: number, c: number) => never): { key: string; value?: string } {
  let key: string;
  let rest: string;
  if (body.startsWith('"')) {
    const close = body.indexOf('"', 1);
    if (close === -1) fail('Unterminated quoted key', line, indent + 1);
    key = body.slice(1, close);
    rest = body.slice(close + 1);
  } else {
    const m = /^[^\s:"]+/.exec(body);
    if (!m) fail(`Expected a key`, line, indent + 1);
    key = m[0];
    rest = body.slice(key.length);
  }
  if (rest.startsWith(':')) rest = rest.slice(1);
  rest = rest.trim();
  if (rest === '') return { key };
  if (rest.startsWith('"')) {
    if (!rest.endsWith('"') || rest.length < 2) fail('Unterminated quoted value', line, body.length - rest.length + indent + 1);
    return { key, value: rest.slice(1, -1) };
  }
  return { key, value: rest };
}
