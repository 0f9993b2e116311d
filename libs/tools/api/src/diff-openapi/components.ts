import { isObj, type Obj, type OpenApiDoc } from '../shared/openapi';
import { emit, type Ctx } from './context';

// Document-level components: schemas removed from components (check_components_schemas_removed.go)
// and 3.1 webhooks added or removed (check_webhook_updated.go).

/** components.schemas, or Swagger 2.0 definitions (which oasdiff reads as component schemas). */
function schemas(doc: OpenApiDoc): Obj {
  const raw = doc.version === '2.0' ? doc.root.definitions : isObj(doc.root.components) ? doc.root.components.schemas : undefined;
  return isObj(raw) ? raw : {};
}

export function webhooks(doc: OpenApiDoc): Obj {
  return isObj(doc.root.webhooks) ? doc.root.webhooks : {};
}

export function compareComponents(ctx: Ctx): void {
  const sa = schemas(ctx.before);
  const sb = schemas(ctx.after);
  // A removed component schema can break clients that generate code from it, even when no
  // operation referenced it: oasdiff reports it (INFO) whether or not it was inlined elsewhere.
  for (const name of Object.keys(sa)) if (!(name in sb)) emit(ctx, 'api-schema-removed', [name], { side: 'before', node: sa, key: name });
  const wa = webhooks(ctx.before);
  const wb = webhooks(ctx.after);
  for (const name of Object.keys(wb)) if (!(name in wa)) emit(ctx, 'webhook-added', [name], { side: 'after', node: wb, key: name });
  for (const name of Object.keys(wa)) if (!(name in wb)) emit(ctx, 'webhook-removed', [name], { side: 'before', node: wa, key: name }, { fix: `Keep sending the ${name} webhook until subscribers have moved off it.` });
}
