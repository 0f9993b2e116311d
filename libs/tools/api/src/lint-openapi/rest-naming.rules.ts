import type { RuleDoc } from '@mcp/core-protocol';
import { isObj, type OpenApiDoc } from '../shared/openapi';
import type { Add } from './lint-openapi.rules';

/** Own REST naming rules (no Spectral equivalent in `spectral:oas`). */
export const REST_NAMING_RULES: RuleDoc[] = [
  { id: 'path-segment-plural', severity: 'warning', summary: 'A collection segment (followed by an {id}) should be a plural noun: /orders/{id}, not /order/{id}.' },
  { id: 'path-no-verbs', severity: 'warning', summary: 'Path segments name resources, not actions: no /getOrders or /orders/create; the HTTP method is the verb.' },
  { id: 'path-kebab-case', severity: 'warning', summary: 'Static path segments are lower-case kebab-case: /order-items, not /orderItems or /order_items.' },
];

/** Verbs that turn a path segment into an RPC-style action when they lead it. */
const VERBS = new Set([
  'get', 'fetch', 'retrieve', 'read', 'list', 'create', 'add', 'insert', 'new', 'make', 'update', 'modify', 'edit', 'change', 'set',
  'put', 'patch', 'post', 'delete', 'remove', 'destroy', 'erase', 'save', 'store', 'find', 'query', 'do', 'execute', 'run', 'perform',
]);

/** Plurals that do not end in "s", and nouns that are the same in both numbers. */
const IRREGULAR_PLURALS = new Set([
  'people', 'children', 'men', 'women', 'feet', 'teeth', 'mice', 'geese', 'data', 'media', 'criteria', 'phenomena', 'indices', 'matrices',
  'vertices', 'analyses', 'series', 'species', 'sheep', 'fish', 'deer', 'aircraft', 'metadata', 'info', 'information', 'feedback',
  'software', 'hardware', 'equipment', 'staff', 'personnel', 'inventory', 'stock', 'music', 'news', 'money', 'traffic', 'history',
]);
/** Words ending in "s" that are singular. */
const SINGULAR_S = /(ss|us|is|ous|ics|ness|ius|sis|xis|atus)$/;

function words(segment: string): string[] {
  return segment
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[-_.\s]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

function isPlural(segment: string): boolean {
  const last = words(segment).pop() ?? '';
  if (IRREGULAR_PLURALS.has(last)) return true;
  if (/^v\d+$/.test(last) || /\d$/.test(last)) return true;
  return last.endsWith('s') && !SINGULAR_S.test(last);
}

const isParam = (segment: string) => /^\{.*\}$/.test(segment);

export function checkRestNaming(doc: OpenApiDoc, add: Add): void {
  const paths = doc.root.paths;
  if (!isObj(paths)) return;
  for (const path of Object.keys(paths)) {
    if (!path.startsWith('/')) continue;
    const segments = path.split('/').filter(Boolean);
    const where = ['paths', path];
    segments.forEach((segment, i) => {
      if (isParam(segment) || segment.includes('{') || segment.startsWith('.') || /\.[a-z0-9]+$/i.test(segment)) return;
      const ws = words(segment);
      if (/[A-Z]/.test(segment) || segment.includes('_')) {
        const kebab = ws.join('-');
        add('path-kebab-case', where, `Path "${path}": segment "${segment}" is not kebab-case.`, `Rename the segment to "${kebab}".`, { segment });
      }
      const next = segments[i + 1];
      // A lone word followed by {id} is a collection name even when it can be a verb (post, set, run).
      const collection = next !== undefined && isParam(next);
      if (ws.length > 0 && VERBS.has(ws[0]) && !(ws.length === 1 && (collection || ws[0] === 'query'))) {
        add('path-no-verbs', where, `Path "${path}": segment "${segment}" is a verb; paths should name resources and let the HTTP method be the action.`, ws.length > 1 ? `Use a resource path such as "/${ws.slice(1).join('-')}" with the matching HTTP method.` : `Drop "/${segment}" and express the action with the HTTP method (POST to create, PUT/PATCH to update, DELETE to remove).`, { segment });
        return;
      }
      if (collection && !isPlural(segment)) {
        add('path-segment-plural', where, `Path "${path}": collection segment "${segment}" should be a plural noun.`, `Rename the collection to its plural (for example "${segment}s").`, { segment });
      }
    });
  }
}
