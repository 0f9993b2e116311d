import type { Ctx } from './context';
import { propName, report, type SchemaNode } from './schema-node';

// readOnly / writeOnly transitions of a property (oasdiff check_request_property_write_only_read_only.go,
// check_response_{optional,required}_property_write_only_read_only.go). Whether the property
// counts as required is read from the old parent schema, as oasdiff does.

export function checkMutability(ctx: Ctx, n: SchemaNode): void {
  if (!n.prop) return;
  const required = n.prop.parentA.required.has(n.prop.name);
  const kind = required ? 'required' : 'optional';
  const name = propName(n);
  for (const [key, word] of [
    ['writeOnly', 'write-only'],
    ['readOnly', 'read-only'],
  ] as const) {
    const was = n.a[key] === true;
    const is = n.b[key] === true;
    if (was === is) continue;
    const change = is ? `became-${word}` : `became-not-${word}`;
    const at = { side: 'after' as const, node: n.b, key };
    if (n.site.dir === 'request') report(ctx, n, `request-${kind}-property-${change}`, [name], at);
    // A required response property that stops being write-only must have been returned all along.
    else report(ctx, n, `response-${kind}-property-${change}`, [name, n.site.status!], at, required && !is && key === 'writeOnly' ? `Make sure ${name} was always returned before, as clients will now expect it.` : undefined);
  }
}
