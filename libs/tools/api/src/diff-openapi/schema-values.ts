import { anyText, sameValue, type Ctx } from './context';
import { atA, atB, propName, report, scopeOf, type SchemaNode } from './schema-node';

// Enum values and defaults (oasdiff check_*_enum_*, *_became_enum, *_default_value_changed).

/**
 * oasdiff lists every value missing from the other side, so adding an enum where there was
 * none also lists each new value as added, and dropping the enum lists each value as removed.
 */
export function checkEnum(ctx: Ctx, n: SchemaNode): void {
  const scope = scopeOf(n);
  if (scope === 'header') return;
  const ea = Array.isArray(n.a.enum) ? n.a.enum : undefined;
  const eb = Array.isArray(n.b.enum) ? n.b.enum : undefined;
  if (!ea && !eb) return;
  const removed = (ea ?? []).filter((v) => !(eb ?? []).some((w) => sameValue(v, w)));
  const added = (eb ?? []).filter((v) => !(ea ?? []).some((w) => sameValue(v, w)));
  if (removed.length === 0 && added.length === 0) return;
  const at = atB(n, 'enum');
  const p = n.site.param;
  const keep = (v: unknown) => `Keep accepting ${anyText(v)} or map it to its replacement server-side.`;
  const became = !ea && !!eb;
  const becameFix = 'Accept the values clients sent before the enum was introduced, or introduce the enum in a new version.';
  if (scope === 'parameter') {
    if (became) report(ctx, n, 'request-parameter-became-enum', [p!.in, p!.name], at, becameFix);
    for (const v of removed) report(ctx, n, 'request-parameter-enum-value-removed', [anyText(v), p!.in, p!.name], at, keep(v));
    for (const v of added) report(ctx, n, 'request-parameter-enum-value-added', [anyText(v), p!.in, p!.name], at);
  } else if (scope === 'parameter-property') {
    for (const v of removed) report(ctx, n, 'request-parameter-property-enum-value-removed', [anyText(v), propName(n), p!.in, p!.name], at, keep(v));
    for (const v of added) report(ctx, n, 'request-parameter-property-enum-value-added', [anyText(v), propName(n), p!.in, p!.name], at);
  } else if (n.site.dir === 'request' && scope === 'body') {
    if (became) report(ctx, n, 'request-body-became-enum', [], at, becameFix);
    for (const v of removed) report(ctx, n, 'request-body-enum-value-removed', [anyText(v)], at, keep(v));
  } else if (n.site.dir === 'request') {
    if (became) report(ctx, n, 'request-property-became-enum', [propName(n)], at, becameFix);
    const removedId = n.b.readOnly === true ? 'request-read-only-property-enum-value-removed' : 'request-property-enum-value-removed';
    for (const v of removed) report(ctx, n, removedId, [anyText(v), propName(n)], at, keep(v));
    for (const v of added) report(ctx, n, 'request-property-enum-value-added', [anyText(v), propName(n)], at);
  } else if (scope === 'body') {
    for (const v of removed) report(ctx, n, 'response-mediatype-enum-value-removed', [n.site.media!, anyText(v)], at);
  } else {
    const status = n.site.status!;
    // Clients switch over response enums: a new value is one they do not know (x-extensible-enum exists for this).
    const addedId = n.b.writeOnly === true ? 'response-write-only-property-enum-value-added' : 'response-property-enum-value-added';
    for (const v of added) report(ctx, n, addedId, [anyText(v), propName(n), status], at, `Make sure clients handle the new value ${anyText(v)} (treat unknown values as "other").`);
    for (const v of removed) report(ctx, n, 'response-property-enum-value-removed', [anyText(v), propName(n), status], at);
  }
}

/**
 * Defaults. A request parameter default is ERR because clients that omit the parameter get a
 * different behaviour; oasdiff only looks at parameters that are optional on both sides.
 * Property-level messages name only the property itself, not its path, as oasdiff's do.
 */
export function checkDefault(ctx: Ctx, n: SchemaNode): void {
  const scope = scopeOf(n);
  if (scope === 'header' || scope === 'parameter-property') return;
  const from = n.a.default ?? undefined;
  const to = n.b.default ?? undefined;
  if (sameValue(from, to)) return;
  const verb = from === undefined ? 'added' : to === undefined ? 'removed' : 'changed';
  const values = verb === 'added' ? [anyText(to)] : verb === 'removed' ? [anyText(from)] : [anyText(from), anyText(to)];
  const at = to === undefined ? atA(n, 'default') : atB(n, 'default');
  const { site } = n;
  if (scope === 'parameter') {
    const pa = site.paramBefore;
    if (pa?.required === true || site.paramNode?.required === true) return;
    const p = site.param!;
    report(ctx, n, `request-parameter-default-value-${verb}`, [p.in, p.name, ...values], at, `Keep the default of the ${p.in} parameter ${p.name}${from === undefined ? ' unset' : ` at ${anyText(from)}`}: clients that omit it would get a different behaviour.`);
    return;
  }
  const last = n.path[n.path.length - 1];
  const tail = site.dir === 'response' ? [site.status!] : [];
  if (scope === 'body') report(ctx, n, `${site.dir}-body-default-value-${verb}`, [site.media!, ...values, ...tail], at);
  else report(ctx, n, `${site.dir}-property-default-value-${verb}`, [last, ...values, ...tail], at);
}
