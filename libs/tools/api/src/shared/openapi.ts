import { InputError, type Finding, type Severity } from '@mcp/core-response';
import { parseSource, type JsonPath, type SourceDoc } from './source';

export type OasVersion = '2.0' | '3.0' | '3.1';
export type Obj = Record<string, unknown>;

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface Operation {
  /** The path template as written (`/orders/{id}`). */
  path: string;
  method: (typeof HTTP_METHODS)[number];
  /** `GET /orders/{id}`, the subject named in messages and the finding field `operation`. */
  label: string;
  op: Obj;
  pathItem: Obj;
}

export const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** JSON path as TOOLS.md writes it: `paths./orders.get.responses`. */
export const pathString = (path: JsonPath): string => path.map(String).join('.');

/** An OpenAPI 2.0/3.0/3.1 document: version, internal `$ref` resolution, operations. */
export class OpenApiDoc {
  readonly root: Obj;
  readonly version: OasVersion;

  constructor(readonly src: SourceDoc) {
    if (!isObj(src.value)) throw new InputError('Not an OpenAPI document: the top level is not an object.');
    this.root = src.value;
    const swagger = this.root.swagger;
    const openapi = this.root.openapi;
    if (typeof openapi === 'string' && /^3\.1(\.|$)/.test(openapi)) this.version = '3.1';
    else if (typeof openapi === 'string' && /^3\.0(\.|$)/.test(openapi)) this.version = '3.0';
    else if (swagger === '2.0' || swagger === 2) this.version = '2.0';
    else if (typeof openapi === 'string' && /^3\./.test(openapi)) this.version = '3.1';
    else
      throw new InputError(
        'Not an OpenAPI document: no "openapi: 3.x" or "swagger: \'2.0\'" field at the top level.',
      );
  }

  private links?: WeakMap<object, Link>;
  private nodeList?: { node: Obj | unknown[]; link: Link }[];

  /**
   * Every object and array of the raw document with its link, in document order, collected
   * by one walk and shared by all rules (each rule used to walk the document itself).
   */
  eachNode(visit: (node: Obj | unknown[], at: Link) => void): void {
    if (!this.nodeList) {
      const list: { node: Obj | unknown[]; link: Link }[] = [];
      walk(this.root, (node, link) => list.push({ node, link }));
      this.nodeList = list;
    }
    for (const { node, link } of this.nodeList) visit(node, link);
  }

  /** JSON path where an object or array is written in the raw document (first occurrence). */
  pathOf(node: object): JsonPath | undefined {
    if (!this.links) {
      const map = new WeakMap<object, Link>();
      this.eachNode((n, at) => map.set(n, at));
      this.links = map;
    }
    return this.links.get(node)?.path();
  }

  /** A node's path plus an optional member key: where a finding about that node or member sits. */
  where(node: object, key?: string | number): JsonPath {
    const base = this.pathOf(node) ?? [];
    return key === undefined ? base : [...base, key];
  }

  static parse(text: string, source?: string): OpenApiDoc {
    return new OpenApiDoc(parseSource(text, source));
  }

  get isOas3(): boolean {
    return this.version !== '2.0';
  }

  /** Target of an internal reference (`#/components/schemas/Order`); undefined if it is external or dangling. */
  resolveRef(ref: string): unknown {
    if (ref === '#') return this.root;
    if (!ref.startsWith('#/')) return undefined;
    let node: unknown = this.root;
    for (const raw of ref.slice(2).split('/')) {
      const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, key)) return undefined;
      node = (node as Obj)[key];
    }
    return node;
  }

  /**
   * Follows `$ref` chains (with cycle protection: a chain that loops or is longer than 32
   * hops stops where it is). External or dangling refs resolve to the reference object itself.
   */
  deref<T = unknown>(value: T): T {
    let current: unknown = value;
    for (let hops = 0; hops < 32 && isObj(current) && typeof current.$ref === 'string'; hops++) {
      const target = this.resolveRef(current.$ref);
      if (target === undefined || target === current) break;
      current = target;
    }
    return current as T;
  }

  /** Every operation under `paths` (path items that are `$ref`s are followed). */
  operations(): Operation[] {
    const out: Operation[] = [];
    const paths = this.root.paths;
    if (!isObj(paths)) return out;
    for (const path of Object.keys(paths)) {
      const pathItem = this.deref(paths[path]);
      if (!isObj(pathItem)) continue;
      for (const method of Object.keys(pathItem)) {
        const op = pathItem[method];
        if (!isObj(op) || !(HTTP_METHODS as readonly string[]).includes(method)) continue;
        out.push({ path, method: method as Operation['method'], label: `${method.toUpperCase()} ${path}`, op, pathItem });
      }
    }
    return out;
  }

  /** Resolved parameters of an operation: path-level ones overridden by operation-level ones (by in+name). */
  parameters(operation: Operation): Obj[] {
    const byKey = new Map<string, Obj>();
    for (const list of [operation.pathItem.parameters, operation.op.parameters]) {
      if (!Array.isArray(list)) continue;
      for (const raw of list) {
        const p = this.deref(raw);
        if (isObj(p)) byKey.set(`${String(p.in)}:${String(p.name)}`, p);
      }
    }
    return [...byKey.values()];
  }
}

/** Where a node sits: its parent's link and its key there (the path is built only on request). */
export class Link {
  constructor(
    readonly parent: Link | undefined,
    readonly key: string | number | undefined,
  ) {}

  path(): JsonPath {
    const out: JsonPath = [];
    if (this.key === undefined) return out;
    out.push(this.key);
    for (let l = this.parent; l && l.key !== undefined; l = l.parent) out.push(l.key);
    return out.reverse();
  }
}

/**
 * Walks every object and array of the raw document once (refs are not followed, so a
 * definition is visited once, where it is written). `at.path()` builds the node's JSON path
 * only when a visitor asks for it: most nodes never need theirs, and copying paths was the cost.
 */
export function walk(root: unknown, visit: (node: Obj | unknown[], at: Link, key: string | number | undefined) => void): void {
  const nodes: unknown[] = [root];
  const links: Link[] = [new Link(undefined, undefined)];
  const seen = new Set<unknown>();
  while (nodes.length > 0) {
    const node = nodes.pop();
    const link = links.pop()!;
    if (node === null || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    visit(node as Obj | unknown[], link, link.key);
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) {
        const child = node[i];
        if (child !== null && typeof child === 'object') {
          nodes.push(child);
          links.push(new Link(link, i));
        }
      }
    } else {
      const keys = Object.keys(node);
      for (let k = keys.length - 1; k >= 0; k--) {
        const child = (node as Obj)[keys[k]];
        if (child !== null && typeof child === 'object') {
          nodes.push(child);
          links.push(new Link(link, keys[k]));
        }
      }
    }
  }
}

/** Collects findings, locating each by its JSON path and dropping repeats of the same rule at the same place. */
export class FindingSink {
  readonly findings: Finding[] = [];
  private readonly keys = new Set<string>();
  constructor(
    private readonly doc: OpenApiDoc,
    private readonly docsBase?: (ruleId: string) => string | undefined,
  ) {}

  add(
    ruleId: string,
    severity: Severity,
    where: JsonPath | { node: object; key?: string | number },
    message: string,
    fix: string,
    extra: Record<string, unknown> = {},
  ): void {
    const path = Array.isArray(where) ? where : this.doc.where(where.node, where.key);
    const loc = this.doc.src.locate(path);
    const key = `${ruleId}|${loc.line}|${loc.column}|${message}`;
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.findings.push({
      ruleId,
      severity,
      message,
      location: { line: loc.line, column: loc.column },
      fix,
      docs: this.docsBase?.(ruleId),
      ...extra,
      path: pathString(path),
    });
  }
}
