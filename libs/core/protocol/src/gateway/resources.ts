import { ProtocolError, ProtocolErrorCode, ResourceNotFoundError } from '@modelcontextprotocol/server';
import type { RuleDescriptor } from '../contract';
import type { Catalog } from './catalog';

export const RULE_TEMPLATE = 'rules://{category}/{ruleId}';
const PAGE_SIZE = 200;

/** Every rule id a tool reports is documented as `rules://<category>/<ruleId>`. */
export function ruleUri(category: string, id: string): string {
  return `rules://${category}/${encodeURIComponent(id)}`;
}

export function listRuleResources(catalog: Catalog, cursor: string | undefined) {
  const all = [...catalog.rules.entries()].flatMap(([category, rules]) =>
    rules.map((r) => ({ uri: ruleUri(category, r.id), name: r.id, title: `${r.id}: ${r.summary}`, description: `Reported by ${(r.tools ?? [r.tool]).join(', ')}`, mimeType: 'text/markdown' })),
  );
  const start = decodeOffset(cursor);
  const page = all.slice(start, start + PAGE_SIZE);
  return { resources: page, ...(start + PAGE_SIZE < all.length ? { nextCursor: btoa(`r:${start + PAGE_SIZE}`) } : {}) };
}

export function listRuleTemplates() {
  return {
    resourceTemplates: [
      {
        uriTemplate: RULE_TEMPLATE,
        name: 'rule',
        title: 'Rule documentation',
        description: 'What a rule id reported by a tool means, its severity, and the anchor documentation (category: nodejs, python, docker, ...).',
        mimeType: 'text/markdown',
      },
    ],
  };
}

export function readRule(catalog: Catalog, uri: string) {
  const m = /^rules:\/\/([a-z]+)\/(.+)$/.exec(uri);
  const id = m ? decodeURIComponent(m[2]) : '';
  const rule = m ? catalog.rules.get(m[1])?.find((r) => r.id === id || r.aliases?.includes(id)) : undefined;
  if (!m || !rule) throw new ResourceNotFoundError(uri);
  return { contents: [{ uri, mimeType: 'text/markdown', text: renderRule(m[1], rule) }] };
}

function renderRule(category: string, rule: RuleDescriptor): string {
  return [
    `# ${rule.id}`,
    '',
    rule.summary,
    '',
    `- Category: ${category}`,
    `- Reported by: ${(rule.tools ?? [rule.tool]).map((t) => `\`${t}\``).join(', ')}`,
    `- Default severity: ${rule.severity}`,
    ...(rule.aliases?.length ? [`- Also known as: ${rule.aliases.map((a) => `\`${a}\``).join(', ')}`] : []),
    ...(rule.docs ? [`- Reference: ${rule.docs}`] : []),
  ].join('\n');
}

export function completeRuleArgument(catalog: Catalog, argument: string, prefix: string, context: Record<string, string> = {}): string[] {
  if (argument === 'category') return [...catalog.rules.keys()].filter((c) => c.startsWith(prefix)).sort();
  if (argument === 'ruleId') {
    const categories = context.category ? [context.category] : [...catalog.rules.keys()];
    const ids = categories.flatMap((c) => (catalog.rules.get(c) ?? []).map((r) => r.id));
    return [...new Set(ids)].filter((id) => id.toLowerCase().startsWith(prefix.toLowerCase())).sort();
  }
  return [];
}

function decodeOffset(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  try {
    const m = /^r:(\d+)$/.exec(atob(cursor));
    if (m) return Number(m[1]);
  } catch {
    // fall through
  }
  throw new ProtocolError(ProtocolErrorCode.InvalidParams, 'Invalid cursor');
}
