import { ParseError } from '@mcp/core-response';
import { dirname, normalizePath } from '../shared/resolve';
import { codeFormat, type FormatInfo } from './code-format';
import { CODES } from './publint.rules';

export interface Message {
  code: string;
  /** publint's path into package.json, e.g. ['exports', '.', 'import', 'types']. */
  path: string[];
  text: string;
  fix: string;
  /** The published file the message is about, when there is one. */
  file?: string;
  /** publint's level when it differs by case from the code's usual one. */
  level?: 'error' | 'warning' | 'suggestion';
}

const LINTABLE = ['.js', '.mjs', '.cjs'];
const INVALID_JSX = ['.mjsx', '.cjsx', '.mtsx', '.ctsx'];
const COMMON_CONDITIONS = ['default', 'import', 'require', 'development', 'production', 'types', 'node', 'browser', 'worker', 'deno'];
// publint's commonInternalPaths and commonInternalTestFileRegex (USE_FILES).
const INTERNAL_PATHS = ['test/', 'tests/', '__tests__/', 'e2e/', '.circleci/', '.github/', '.husky/', '.vscode/', '.prettierrc', '.prettierignore', 'prettier.config.js', '.eslintrc', '.eslintrc.js', '.eslintignore', 'eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', '.travis.yml', 'azure-pipelines.yml', 'appveyor.yml', '.gitattributes', '.gitignore', 'package-lock.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb', 'CONTRIBUTING.md', 'CODE_OF_CONDUCT.md', 'CODEOWNERS', 'Dockerfile', 'tsconfig.tsbuildinfo'];
const INTERNAL_TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;
const GIT_URL = /^(?:(git\+https?|git\+ssh|https?|ssh|git):\/\/)?(?:[^@/]+@)?([\w.-]+)(?::([\w\d-]+))?(\/[^?#]+)\/?$/;
const SHORTHAND_REPOSITORY = /^(?:(?:github|bitbucket|gitlab):[^/]+\/.+|gist:.+|[^/]+\/[^/]+)$/;
const LICENSE_FILE = /^(licen[cs]e|copying)(\.(md|txt))?$/i;
const FLOW = /^\s*(?:\/\/|\/\*\*?|\*)\s*@flow/m;

const extOf = (p: string) => {
  const m = /(\.[^./]+)$/.exec(p);
  return m ? m[1] : '';
};

/**
 * publint's checks (publint/src/shared/core.js) over the given package files: where the
 * manifest points, whether those files exist, and whether their module format matches what
 * Node.js will assume for them.
 */
export function lintPackage(pkg: Record<string, unknown>, fileList: { path: string; content: string }[]): Message[] {
  const files = new Map(fileList.map((f) => [normalizePath(f.path), f.content]));
  // npm always publishes the manifest itself ("./package.json" is a common export).
  if (!files.has('package.json')) files.set('package.json', JSON.stringify(pkg));
  const messages: Message[] = [];
  const formats = new Map<string, FormatInfo>();
  const push = (code: string, path: string[], text: string, fix: string, file?: string, level?: Message['level']) => {
    if (!CODES[code]) throw new Error(`unknown publint code ${code}`);
    messages.push({ code, path, text, fix, file, level });
  };
  const has = (p: string) => files.has(p);
  const isDir = (p: string) => {
    const prefix = p ? `${p}/` : '';
    for (const k of files.keys()) if (k.startsWith(prefix)) return true;
    return false;
  };
  /** A published path as publint's readFile finds it, trying the given extensions. */
  const find = (value: string, tries: string[] = []): string | undefined => {
    const p = normalizePath(value);
    if (has(p)) return p;
    for (const t of tries) {
      const candidate = t.startsWith('/') ? normalizePath(`${p}${t}`) : `${p}${t}`;
      if (has(candidate)) return candidate;
    }
    return undefined;
  };
  const formatOf = (path: string): FormatInfo => {
    let f = formats.get(path);
    if (!f) {
      try {
        f = codeFormat(files.get(path)!, path);
      } catch (error) {
        if (error instanceof ParseError) throw error.in(path);
        throw error;
      }
      formats.set(path, f);
    }
    return f;
  };
  /** The format Node.js assumes from the extension and the nearest package.json "type". */
  const expectedFormat = (path: string, dts = false): 'ESM' | 'CJS' => {
    let p = path;
    if (p.endsWith('.native.js')) p = p.slice(0, -10);
    if (dts ? p.endsWith('.d.mts') : p.endsWith('.mjs')) return 'ESM';
    if (dts ? p.endsWith('.d.cts') : p.endsWith('.cjs')) return 'CJS';
    for (let dir = dirname(path); ; dir = dirname(dir)) {
      const manifest = dir ? files.get(`${dir}/package.json`) : undefined;
      if (dir === '') return pkg.type === 'module' ? 'ESM' : 'CJS';
      if (manifest !== undefined) {
        try {
          return (JSON.parse(manifest) as { type?: string }).type === 'module' ? 'ESM' : 'CJS';
        } catch {
          /* publint ignores a malformed nested package.json too */
        }
      }
    }
  };
  const lintable = (p: string) => LINTABLE.some((e) => p.endsWith(e)) && !FLOW.test(files.get(p) ?? '');
  const formatMismatch = (path: string, fieldPath: string[], shown: string) => {
    const actual = formatOf(path).format;
    const expect = expectedFormat(path);
    if (actual === expect || actual === 'unknown' || actual === 'mixed') return false;
    const ext = extOf(path);
    const explicit = ext === '.mjs' || ext === '.cjs';
    const want = actual === 'ESM' ? '.mjs' : '.cjs';
    push(
      explicit ? 'FILE_INVALID_EXPLICIT_FORMAT' : 'FILE_INVALID_FORMAT',
      fieldPath,
      explicit
        ? `${shown} ends with ${ext} but contains ${actual} code, which Node.js will load as ${expect}`
        : `${shown} contains ${actual} code but Node.js loads it as ${expect} (${path.endsWith('.js') ? `nearest "type" is ${expect === 'ESM' ? '"module"' : '"commonjs" or unset'}` : 'by its extension'})`,
      explicit ? `Rename ${shown} to use ${want}, or rewrite it as ${expect}` : `Rename ${shown} to ${want}, or set "type" to match the code`,
      path,
    );
    return true;
  };
  const jsxExtension = (path: string, fieldPath: string[], shown = path) => {
    const bad = INVALID_JSX.find((e) => path.endsWith(e));
    if (!bad) return false;
    push('FILE_INVALID_JSX_EXTENSION', fieldPath, `${shown} uses the ${bad} extension, which bundlers and TypeScript do not resolve`, `Use ${bad.includes('t') ? '.tsx' : '.jsx'} and let "type" decide the format`, path);
    return true;
  };
  const missing = (fieldPath: string[], value: string) =>
    push('FILE_DOES_NOT_EXIST', fieldPath, `${fieldName(fieldPath)} points at ${value}, which is not among the published files`, `Build ${value} before publishing, include it in "files", or fix the path`, normalizePath(value));

  const { main, module, exports, imports, browser, bin } = pkg as Record<string, unknown>;

  if (pkg.dependencies && typeof pkg.dependencies === 'object') {
    for (const [name, spec] of Object.entries(pkg.dependencies as Record<string, unknown>)) {
      if (typeof spec === 'string' && (spec.startsWith('file:') || spec.startsWith('link:'))) {
        push('LOCAL_DEPENDENCY', ['dependencies', name], `dependency ${name} is ${spec}, which installs only on the machine that published it`, `Publish ${name} and depend on a version range`);
      }
    }
  }
  if (pkg.type == null) push('USE_TYPE', ['name'], 'package.json does not set "type", so every .js file is CommonJS by default', 'Add "type": "module" (or "commonjs" to make the default explicit)');
  if (pkg.license == null) {
    const lic = [...files.keys()].find((f) => !f.includes('/') && LICENSE_FILE.test(f));
    if (lic) push('USE_LICENSE', ['name'], `${lic} is published but package.json has no "license" field`, 'Add the matching SPDX id as "license"', lic);
  }
  if (pkg.files == null) {
    const internal = INTERNAL_PATHS.filter((p) => (p.endsWith('/') ? isDir(p.slice(0, -1)) : has(p)));
    const dirs = internal.filter((p) => p.endsWith('/'));
    for (const f of [...files.keys()].sort()) {
      const base = f.slice(f.lastIndexOf('/') + 1);
      if (INTERNAL_TEST_FILE.test(base) && !f.split('/').includes('node_modules') && !dirs.some((d) => f.startsWith(d))) internal.push(f);
    }
    if (internal.length) push('USE_FILES', ['name'], `Without a "files" field these would be published: ${internal.join(', ')}`, 'Add "files" listing only what consumers need (e.g. ["dist"])');
  }
  const engines = pkg.engines as Record<string, unknown> | undefined;
  if (engines == null || typeof engines !== 'object' || engines.node == null) {
    let cjsSignal = exports != null && typeof exports === 'object' && (hasKeyNested(exports, 'node') || hasKeyNested(exports, 'require'));
    if (!cjsSignal && typeof main === 'string') {
      const m = find(main, ['.js', '/index.js']);
      cjsSignal = !!m && lintable(m) && formatOf(m).format === 'CJS';
    }
    if (cjsSignal) push('USE_ENGINES_NODE', engines != null ? ['engines'] : ['name'], 'The package publishes code for Node.js but does not declare engines.node', 'Add "engines": { "node": ">=18" } with the oldest version you support');
  }

  for (const f of [...files.keys()].sort()) {
    if (f === 'package.json' || !f.endsWith('/package.json') || f.split('/').includes('node_modules')) continue;
    let nested: Record<string, unknown>;
    try {
      nested = JSON.parse(files.get(f)!) as Record<string, unknown>;
    } catch {
      continue;
    }
    for (const field of ['exports', 'imports']) {
      if (nested && nested[field] != null) push('NESTED_PACKAGE_JSON_FIELD_IGNORED', ['name'], `${f} sets "${field}", which Node.js only reads from the package root`, `Move "${field}" into the root package.json`, f);
    }
  }
  if ('repository' in pkg) checkRepository(pkg.repository);
  if (browser) crawlBrowser(browser, !!exports);

  if (main != null) {
    if (typeof main !== 'string') push('FIELD_INVALID_VALUE_TYPE', ['main'], `"main" must be a string, not ${kind(main)}`, 'Set "main" to the path of the CommonJS entry');
    else {
      const path = find(main, ['.js', '/index.js']);
      if (!path) missing(['main'], main);
      else if (!jsxExtension(path, ['main']) && lintable(path)) {
        formatMismatch(path, ['main'], main);
        const f = formatOf(path);
        if (f.format === 'ESM' && exports == null) push('HAS_ESM_MAIN_BUT_NO_EXPORTS', ['main'], `"main" (${main}) is ESM but there is no "exports" field`, 'Add "exports": { ".": "' + (main.startsWith('./') ? main : `./${main}`) + '" }');
        if (module == null && exports == null && expectedFormat(path) === 'CJS' && f.esModuleWithDefault) cjsDefault(['main'], path);
      }
    }
  }
  if (module != null) {
    if (typeof module !== 'string') push('FIELD_INVALID_VALUE_TYPE', ['module'], `"module" must be a string, not ${kind(module)}`, 'Set "module" to the path of the ESM entry');
    else {
      const path = find(module, ['.js', '/index.js']);
      if (!path) missing(['module'], module);
      else if (!jsxExtension(path, ['module']) && lintable(path)) {
        if (formatOf(path).format === 'CJS') push('MODULE_SHOULD_BE_ESM', ['module'], `"module" (${module}) points at CommonJS code; bundlers expect ESM there`, `Point "module" at the ESM build`, path);
        if (!exports) push('HAS_MODULE_BUT_NO_EXPORTS', ['module'], '"module" is only read by bundlers; Node.js ignores it without "exports"', 'Add an "exports" field with "import" and "require" conditions');
      }
    }
  }
  if ((main != null || module != null) && exports != null && typeof exports === 'object' && !Array.isArray(exports)) {
    const keys = Object.keys(exports);
    if (keys[0]?.startsWith('.') && !keys.includes('.')) {
      const fields = [main != null ? 'main' : '', module != null ? 'module' : ''].filter(Boolean);
      push('EXPORTS_MISSING_ROOT_ENTRYPOINT', ['exports'], `"exports" has no "." entry, so the ${fields.join(' and ')} entry can no longer be imported by the package name`, 'Add a "." entry to "exports"');
    }
  }
  const knownFields = ['types', 'typings', 'jsnext:main', 'jsnext', 'unpkg', 'jsdelivr'];
  if (pkg.typesVersions) knownFields.splice(0, 2);
  for (const field of knownFields) {
    const v = pkg[field];
    if (v == null) continue;
    if (typeof v !== 'string') {
      push('FIELD_INVALID_VALUE_TYPE', [field], `"${field}" must be a string, not ${kind(v)}`, `Set "${field}" to a file path`);
      continue;
    }
    const path = find(v, ['.js', '/index.js']);
    if (!path) missing([field], v);
    else if (field.startsWith('jsnext')) push('DEPRECATED_FIELD_JSNEXT', [field], `"${field}" is deprecated`, 'Use "module" or "exports" instead');
  }
  if (pkg.sideEffects == null) {
    const bundler =
      module != null ||
      browser != null ||
      (exports != null && typeof exports === 'object' && (hasKeyNested(exports, 'browser') || hasKeyNested(exports, 'module'))) ||
      (imports != null && typeof imports === 'object' && (hasKeyNested(imports, 'browser') || hasKeyNested(imports, 'module')));
    if (bundler) push('USE_SIDE_EFFECTS', ['name'], 'The package targets bundlers but does not declare "sideEffects", so they cannot tree-shake it safely', 'Add "sideEffects": false, or the list of files with side effects');
  }

  if (exports) {
    crawl(exports, ['exports'], false, undefined);
    typesExported();
  } else {
    // Without "exports" every file is reachable: publint checks all of them.
    for (const path of [...files.keys()].sort()) {
      if (jsxExtension(path, ['name'], `/${path}`) || !lintable(path)) continue;
      const f = formatOf(path);
      const expect = expectedFormat(path);
      if (f.format === expect || f.format === 'unknown' || f.format === 'mixed') continue;
      if (f.format === 'ESM' && (path.includes('browser') || path.includes('bundler'))) continue;
      const want = f.format === 'ESM' ? '.mjs' : '.cjs';
      if (has(path.slice(0, -extOf(path).length) + want)) continue;
      formatMismatch(path, ['name'], `/${path}`);
    }
  }
  if (bin) crawlBin(bin, ['bin']);
  if (imports && typeof imports === 'object') crawl(imports, ['imports'], true, undefined);
  return messages;

  function checkRepository(repo: unknown) {
    if (typeof repo !== 'string' && (typeof repo !== 'object' || repo === null)) {
      push('FIELD_INVALID_VALUE_TYPE', ['repository'], `"repository" must be a string or an object, not ${kind(repo)}`, 'Use { "type": "git", "url": "git+https://…" }');
      return;
    }
    if (typeof repo === 'string') {
      if (!SHORTHAND_REPOSITORY.test(repo)) push('INVALID_REPOSITORY_VALUE', ['repository'], `"repository" is "${repo}", which is not a valid shorthand`, 'Use the object form { "type": "git", "url": "git+https://…" }');
      return;
    }
    const r = repo as { url?: unknown; type?: unknown };
    if (typeof r.url !== 'string' || !r.url || (r.type != null && r.type !== 'git')) return;
    const url = r.url;
    const m = GIT_URL.exec(url);
    const isGit = !!m && (url.includes('://') || url.includes('@'));
    if (!isGit) {
      push('INVALID_REPOSITORY_VALUE', ['repository', 'url'], `repository.url "${url}" is not a valid git URL`, 'Use a URL such as git+https://github.com/owner/repo.git');
    } else if (/github/.test(m![2]) && m![1] === 'git') {
      push('INVALID_REPOSITORY_VALUE', ['repository', 'url'], `repository.url "${url}" uses the git:// protocol, which GitHub no longer serves`, 'Use git+https://', undefined, 'suggestion');
    } else if (/(github|gitlab)/.test(m![2]) && (!url.startsWith('git+') || !m![4].endsWith('.git'))) {
      let full = url.includes('://') ? url : `git+ssh://${url.replace(':', '/')}`;
      if (full.endsWith('/')) full = full.slice(0, -1);
      if (!full.startsWith('git+')) full = `git+${full}`;
      if (!full.endsWith('.git')) full += '.git';
      push('INVALID_REPOSITORY_VALUE', ['repository', 'url'], `repository.url "${url}" is a shorthand npm rewrites on publish`, `Write it as "${full}"`, undefined, 'suggestion');
    }
  }

  function crawlBrowser(value: unknown, hasExports: boolean) {
    if (typeof value === 'string') {
      const path = find(value, ['.js', '/index.js']);
      if (!path) missing(['browser'], value);
      else if (!hasExports && lintable(path) && expectedFormat(path) === 'CJS' && formatOf(path).esModuleWithDefault) cjsDefault(['browser'], path);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (typeof v === 'string' && v.startsWith('.') && !find(v, ['.js', '/index.js'])) missing(['browser', k], v);
      }
    }
    if (hasExports) {
      if (typeof value === 'string') push('USE_EXPORTS_BROWSER', ['browser'], '"browser" is a string beside "exports"; bundlers prefer the "browser" export condition', 'Add a "browser" condition to "exports" instead');
      else push('USE_EXPORTS_OR_IMPORTS_BROWSER', ['browser'], '"browser" remaps files beside "exports"; use "browser" conditions in "exports"/"imports" instead', 'Move the remapping into "browser" conditions of "exports" or "imports"');
    }
  }

  function cjsDefault(fieldPath: string[], path: string) {
    push('CJS_WITH_ESMODULE_DEFAULT_EXPORT', fieldPath, `${path} sets exports.__esModule and exports.default: Node.js ESM importers get the whole exports object as default, not exports.default`, 'Export with module.exports = … or publish an ESM build for import', path);
  }

  function crawlBin(value: unknown, fieldPath: string[]) {
    if (typeof value === 'string') {
      const path = find(value, ['.js', '/index.js']);
      if (!path) return missing(fieldPath, value);
      if (!LINTABLE.some((e) => value.endsWith(e))) return;
      if (!/^#!/.test(files.get(path) ?? '')) push('BIN_FILE_NOT_EXECUTABLE', fieldPath, `${value} has no #! line, so it cannot run as the ${fieldPath[1] ?? String(pkg.name)} command`, 'Start the file with #!/usr/bin/env node', path);
      if (lintable(path)) formatMismatch(path, fieldPath, value);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) crawlBin(v, [...fieldPath, k]);
    }
  }

  function crawl(value: unknown, fieldPath: string[], isImports: boolean, state: { afterNode: boolean; reachableByImport: boolean } | undefined): void {
    const P = isImports ? 'IMPORTS' : 'EXPORTS';
    if (typeof value === 'string') {
      if (isImports && !value.startsWith('.')) return;
      let v = value;
      if (v.endsWith('/')) {
        const expectPath = fieldPath.map((p) => (p.endsWith('/') ? `${p}*` : p));
        const exists = getPath(pkg, expectPath) != null;
        if (!exists) push(`${P}_GLOB_NO_DEPRECATED_SUBPATH_MAPPING`, fieldPath, `${fieldName(fieldPath)} maps a folder ("${value}"); Node.js removed subpath folder mappings`, `Use "${fieldPath[fieldPath.length - 1]}*": "${value}*"`);
        v += '*';
      }
      if (!v.startsWith('./')) {
        push(`${P}_VALUE_INVALID`, fieldPath, `${fieldName(fieldPath)} is "${value}", which must start with "./"`, `Write it as "./${value.replace(/^\/+/, '')}"`);
      }
      const isGlob = v.includes('*');
      const targets = isGlob ? globFiles(v) : [normalizePath(v)];
      if (isGlob && targets.length === 0) {
        if (!isImports) push('EXPORTS_GLOB_NO_MATCHED_FILES', fieldPath, `${fieldName(fieldPath)} (${value}) matches no published file`, 'Fix the pattern or publish the files it should match');
        return;
      }
      const conditions = conditionsOf(fieldPath);
      for (const path of targets) {
        if (jsxExtension(path, fieldPath, isGlob ? `./${path}` : value)) continue;
        if (!LINTABLE.some((e) => path.endsWith(e))) {
          if (!conditions.some((c) => !COMMON_CONDITIONS.includes(c)) && !isImports && !has(path) && !/^[a-z]+:/.test(value)) missing(fieldPath, value);
          continue;
        }
        if (!has(path)) {
          if (!isImports) missing(fieldPath, value);
          continue;
        }
        if (FLOW.test(files.get(path) ?? '')) continue;
        const f = formatOf(path);
        if (fieldPath.includes('module')) {
          if (f.format === 'CJS') push(`${P}_MODULE_SHOULD_BE_ESM`, fieldPath, `${fieldName(fieldPath)} (${isGlob ? `./${path}` : value}) is CommonJS; the "module" condition is for ESM`, 'Point the "module" condition at the ESM build', path);
          continue;
        }
        const expect = expectedFormat(path);
        if ((!state || state.reachableByImport) && expect === 'CJS' && f.esModuleWithDefault) cjsDefault(fieldPath, path);
        if (state?.afterNode || fieldPath.includes('browser')) continue;
        if (f.format === expect || f.format === 'unknown' || f.format === 'mixed') continue;
        if (f.format === 'ESM' && (path.includes('browser') || path.includes('bundler'))) continue;
        if (isGlob && has(path.slice(0, -extOf(path).length) + (f.format === 'ESM' ? '.mjs' : '.cjs'))) continue;
        formatMismatch(path, fieldPath, isGlob ? `./${path}` : value);
      }
    } else if (Array.isArray(value)) {
      push(`${P}_FALLBACK_ARRAY_USE`, fieldPath, `${fieldName(fieldPath)} is an array; Node.js uses only the first valid entry and bundlers differ`, 'Use a single path or conditions instead of a fallback array');
      value.forEach((v, i) => crawl(v, [...fieldPath, String(i)], isImports, state));
    } else if (value && typeof value === 'object') {
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj);
      if (!isImports && 'types' in obj && keys[0] !== 'types') {
        const preceding = keys.slice(0, keys.indexOf('types')).filter((k) => {
          if (k.startsWith('types')) return false;
          const v = obj[k];
          if (typeof v === 'string' && isRawTs(v)) return false;
          if (v && typeof v === 'object' && hasValueNested(v, isRawTs)) return false;
          return true;
        });
        const nestedTypes = preceding.some((k) => obj[k] && typeof obj[k] === 'object' && hasKeyNested(obj[k], 'types'));
        if (preceding.length > 0 && !nestedTypes) {
          push('EXPORTS_TYPES_SHOULD_BE_FIRST', [...fieldPath, 'types'], `${fieldName([...fieldPath, 'types'])} (${String(obj.types)}) comes after "${preceding[0]}"; TypeScript matches conditions in order and never reaches it`, 'Move "types" to the first position of this object');
        }
      }
      if ('module' in obj && 'require' in obj && keys.indexOf('module') > keys.indexOf('require')) {
        push(`${P}_MODULE_SHOULD_PRECEDE_REQUIRE`, [...fieldPath, 'module'], `${fieldName([...fieldPath, 'module'])} comes after "require", so bundlers that support both pick "require"`, 'Move "module" before "require"');
      }
      if ('default' in obj && keys[keys.length - 1] !== 'default') {
        push(`${P}_DEFAULT_SHOULD_BE_LAST`, [...fieldPath, 'default'], `${fieldName([...fieldPath, 'default'])} is not the last condition, so "${keys[keys.indexOf('default') + 1]}" after it is never used`, 'Move "default" to the end of this object');
      }
      const topImports = isImports && fieldPath[fieldPath.length - 1] === 'imports';
      const importRequire = keys.includes('require') || keys.includes('import');
      let afterNode = state?.afterNode ?? false;
      for (const key of keys) {
        const next = { afterNode, reachableByImport: state?.reachableByImport ?? true };
        if (importRequire) next.reachableByImport &&= key === 'import' || (!keys.includes('import') && key === 'default');
        if (topImports && !key.startsWith('#')) {
          push('IMPORTS_KEY_INVALID', [...fieldPath, key], `imports key "${key}" must start with "#"`, `Rename it to "#${key.replace(/^\/+/, '')}"`);
        }
        crawl(obj[key], [...fieldPath, key], isImports, next);
        if (key === 'node') afterNode = true;
      }
    }
  }

  /** Published files matching an exports glob (`*` spans directories, as in Node.js). */
  function globFiles(pattern: string): string[] {
    const p = normalizePath(pattern);
    const re = new RegExp(`^${p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('(.+)')}$`);
    const excluded: RegExp[] = [];
    if (exports && typeof exports === 'object') {
      for (const [k, v] of Object.entries(exports)) {
        if (v === null) excluded.push(new RegExp(`^${normalizePath(k).split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('(.+)')}$`));
      }
    }
    return [...files.keys()].filter((f) => re.test(f) && !excluded.some((x) => x.test(f))).sort();
  }

  function typesExported() {
    let rootValue: unknown;
    let rootPath: string[];
    if (typeof exports === 'string') {
      rootValue = exports;
      rootPath = ['exports'];
    } else if (exports && typeof exports === 'object') {
      const keys = Object.keys(exports);
      if (keys.length === 0) return;
      if (!keys[0].startsWith('.')) {
        rootValue = exports;
        rootPath = ['exports'];
      } else if ('.' in (exports as object)) {
        rootValue = (exports as Record<string, unknown>)['.'];
        rootPath = ['exports', '.'];
      } else return;
    } else return;
    const typesFile = typeof pkg.types === 'string' ? pkg.types : typeof pkg.typings === 'string' ? pkg.typings : has('index.d.ts') ? './index.d.ts' : undefined;
    if (!typesFile) return;
    const seen = new Set<string>();
    for (const env of [undefined, 'node', 'browser', 'worker']) {
      const importResult = resolveExports(rootValue, ['import', env], rootPath);
      const requireResult = resolveExports(rootValue, ['require', env], rootPath);
      const dual = !!importResult && !!requireResult && importResult.value !== requireResult.value;
      for (const format of ['import', 'require'] as const) {
        const typesResult = resolveExports(rootValue, ['types', format, env], rootPath);
        if (!typesResult) continue;
        const key = typesResult.path.join('.') + (dual ? format : '');
        if (seen.has(key)) continue;
        seen.add(key);
        const resolved = normalizePath(typesResult.value);
        if (!has(resolved)) continue;
        if (/\.d\.[mc]?ts$/.test(resolved)) {
          const actual = expectedFormat(resolved, true);
          let expect: 'ESM' | 'CJS' | undefined;
          if (!dual) {
            const js = format === 'import' ? importResult : requireResult;
            if (js && has(normalizePath(js.value))) expect = expectedFormat(normalizePath(js.value));
          }
          expect ??= format === 'import' ? 'ESM' : 'CJS';
          if (actual !== expect) {
            push('EXPORTS_TYPES_INVALID_FORMAT', typesResult.path, `${typesResult.value}, resolved for "${format}", is read by TypeScript as ${actual} types but the code is ${expect}`, `Publish ${expect === 'ESM' ? '.d.mts' : '.d.cts'} types for the "${format}" condition`, resolved);
          }
        } else {
          const adjacent = resolved.replace(/\.(m|c)?jsx?$/, (m) => `.d.${m.includes('m') ? 'm' : m.includes('c') ? 'c' : ''}ts`);
          if (!has(adjacent)) {
            push('TYPES_NOT_EXPORTED', typesResult.path, `"types" is ${typesFile} but ${fieldName(typesResult.path)} resolves ${typesResult.value} for "${format}" with no type file beside it`, `Add a "types" condition pointing at ${typesFile} inside ${fieldName(rootPath)}`, resolved);
          }
        }
      }
    }
  }
}

/** Node.js's conditional resolution over one exports value (first matching key wins). */
function resolveExports(value: unknown, conditions: (string | undefined)[], path: string[]): { value: string; path: string[] } | undefined {
  const active = conditions.filter((c): c is string => !!c);
  if (typeof value === 'string') return { value, path };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const r = resolveExports(value[i], conditions, [...path, String(i)]);
      if (r) return r;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'default' || active.includes(k)) {
        const r = resolveExports(v, conditions, [...path, k]);
        if (r) return r;
      }
    }
  }
  return undefined;
}

function conditionsOf(path: string[]): string[] {
  let i = path.findIndex((p) => p === 'exports' || p === 'imports');
  if (i === -1) return [];
  if (path[i + 1]?.[0] === '.') i++;
  return path.slice(i + 1);
}

function hasKeyNested(obj: unknown, key: string): boolean {
  if (!obj || typeof obj !== 'object') return false;
  for (const [k, v] of Object.entries(obj)) if (k === key || hasKeyNested(v, key)) return true;
  return false;
}

function hasValueNested(obj: unknown, test: (v: string) => boolean): boolean {
  if (typeof obj === 'string') return test(obj);
  if (!obj || typeof obj !== 'object') return false;
  return Object.values(obj).some((v) => hasValueNested(v, test));
}

const isRawTs = (p: string) => (p.endsWith('.ts') && !p.endsWith('.d.ts')) || p.endsWith('.tsx');
const kind = (v: unknown) => (Array.isArray(v) ? 'an array' : v === null ? 'null' : `a ${typeof v}`);
function getPath(obj: unknown, path: string[]): unknown {
  let v = obj;
  for (const p of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
  return v;
}

/** publint's formatMessagePath without its `pkg` prefix: exports["."].import.types */
export function fieldName(path: string[]): string {
  let out = '';
  for (const part of path) {
    if (/^\d+$/.test(part)) out += `[${part}]`;
    else if (!/^[a-zA-Z_$][a-zA-Z0-9_$]*$/.test(part)) out += `["${part}"]`;
    else out += out ? `.${part}` : part;
  }
  return out;
}
