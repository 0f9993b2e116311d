import { isObj } from '../shared/openapi';
import { emit, type Ctx } from './context';

// oasdiff's versioning policy (checker/versioning_policy.go): when the checks found a breaking
// change (ERR), info.version should have had a major bump. INFO by default, like oasdiff.

const SEMVER = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

const versionOf = (root: Record<string, unknown>) => (isObj(root.info) && typeof root.info.version === 'string' ? root.info.version : undefined);
const parse = (v: string) => SEMVER.exec(v)?.slice(1, 4).map(Number);

export function checkVersioning(ctx: Ctx): void {
  const from = versionOf(ctx.before.root);
  const to = versionOf(ctx.after.root);
  const a = from === undefined ? undefined : parse(from);
  const b = to === undefined ? undefined : parse(to);
  if (!a || !b || !ctx.findings.some((f) => f.level === 'ERR')) return;
  const at = { side: 'after' as const, node: ctx.after.root.info as object, key: 'version' };
  const fix = `Publish the breaking changes under a new major version (after ${from}).`;
  // Pre-release and build suffixes take no part in the comparison, as in oasdiff.
  const cmp = a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
  // Below 1.0.0 a minor bump is the breaking-change bump.
  const majorBumped = a[0] === 0 && b[0] === 0 ? b[1] > a[1] : b[0] > a[0];
  if (from === to) emit(ctx, 'api-version-not-bumped', [to!], at, { fix });
  else if (cmp >= 0) emit(ctx, 'api-version-decreased', [from!, to!], at, { fix });
  else if (!majorBumped) emit(ctx, 'api-major-version-not-bumped', [from!, to!], at, { fix });
}
