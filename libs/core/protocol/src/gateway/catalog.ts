import { contractMajor, CONTRACT_VERSION, type CategoryWorkerRpc, type ListToolsReply, type RuleDescriptor, type ToolDescriptor } from '../contract';
import type { CategoryRoute } from '../routing';
import { withTimeout } from './timeout';

export interface CategoryStatus {
  category: string;
  binding: string;
  status: 'ok' | 'down';
  version?: string;
  contractVersion?: string;
  tools: number;
  latencyMs: number;
  error?: string;
}

export interface Catalog {
  tools: ToolDescriptor[];
  /** Rule documentation per category, for the rules://{category}/{ruleId} resources. */
  rules: Map<string, RuleDescriptor[]>;
  /** tool name -> the category that serves it */
  owner: Map<string, CategoryRoute>;
  categories: CategoryStatus[];
  /** Changes whenever any category's deployed version or availability changes. */
  version: string;
  fetchedAt: number;
}

export type BindingLookup = (route: CategoryRoute) => CategoryWorkerRpc | undefined;

/**
 * Asks every category worker for its tools, in parallel, and keeps the answer per isolate for
 * a short TTL. A worker that is missing, slow, throwing or on another contract major is left
 * out and reported: it never takes the other categories' tools down with it.
 */
export class ToolCatalog {
  private cached?: Catalog;
  private pending?: Promise<Catalog>;

  constructor(
    private readonly routes: readonly CategoryRoute[],
    private readonly lookup: BindingLookup,
    private readonly options: { ttlMs: number; timeoutMs: number; onChange?: () => void },
  ) {}

  async get(now = Date.now()): Promise<Catalog> {
    if (this.cached && now - this.cached.fetchedAt < this.options.ttlMs) return this.cached;
    // One refresh at a time per isolate; concurrent requests share it.
    this.pending ??= this.refresh().finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** Forces the next get() to ask the workers again (keeps the version for change detection). */
  invalidate(): void {
    if (this.cached) this.cached = { ...this.cached, fetchedAt: 0 };
  }

  private async refresh(): Promise<Catalog> {
    const answers = await Promise.all(this.routes.map((route) => this.ask(route)));
    const tools: ToolDescriptor[] = [];
    const owner = new Map<string, CategoryRoute>();
    const rules = new Map<string, RuleDescriptor[]>();
    for (const [i, answer] of answers.entries()) {
      const route = this.routes[i];
      if (!answer.reply) continue;
      rules.set(route.category, [...(answer.reply.rules ?? [])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
      for (const tool of answer.reply.tools) {
        // A worker may only serve names under its own prefix: routing stays unambiguous.
        if (!tool.name.startsWith(route.prefix) || owner.has(tool.name)) continue;
        owner.set(tool.name, route);
        tools.push(tool);
      }
    }
    const categories = answers.map((a) => a.status);
    const version = categories.map((c) => `${c.category}@${c.status === 'ok' ? c.version : 'down'}`).join(',');
    const previous = this.cached?.version;
    this.cached = { tools, rules, owner, categories, version, fetchedAt: Date.now() };
    // A worker deployed a new version (or went down or came back): tell listening clients.
    if (previous !== undefined && previous !== version) this.options.onChange?.();
    return this.cached;
  }

  private async ask(route: CategoryRoute): Promise<{ reply?: ListToolsReply; status: CategoryStatus }> {
    const started = Date.now();
    const down = (error: string): { status: CategoryStatus } => ({
      status: { category: route.category, binding: route.binding, status: 'down', tools: 0, latencyMs: Date.now() - started, error },
    });
    const rpc = this.lookup(route);
    if (!rpc) return down(`no service binding ${route.binding}`);
    try {
      const reply = await withTimeout(rpc.listTools(), this.options.timeoutMs, `listTools on ${route.category}`);
      const incompatible = contractError(route.category, reply.contractVersion);
      if (incompatible) return down(incompatible);
      return {
        reply,
        status: {
          category: route.category,
          binding: route.binding,
          status: 'ok',
          version: reply.version,
          contractVersion: reply.contractVersion,
          tools: reply.tools.length,
          latencyMs: Date.now() - started,
        },
      };
    } catch (error) {
      return down(error instanceof Error ? error.message : String(error));
    }
  }
}

/** A worker on another contract major could misread or be misread: refuse it by name. */
export function contractError(category: string, workerVersion: string | undefined): string | undefined {
  if (workerVersion && contractMajor(workerVersion) === contractMajor(CONTRACT_VERSION)) return undefined;
  return `the ${category} worker speaks RPC contract ${workerVersion ?? '(none)'}, the gateway ${CONTRACT_VERSION}: major versions differ`;
}
