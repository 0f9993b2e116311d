import { Validator, type OutputUnit } from '@cfworker/json-schema';
import { COMPOSE_SPEC_SCHEMA } from '../data/compose-spec.schema';
import type { PathSeg } from '../yaml/load-yaml';

/** One compose-spec violation, reduced from the validator's error tree to its most specific cause. */
export interface SchemaIssue {
  path: PathSeg[];
  message: string;
}

let validator: Validator | null = null;

function decode(pointer: string): PathSeg[] {
  return pointer
    .replace(/^#\/?/, '')
    .split('/')
    .filter((s) => s !== '')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

const CONTAINER_KEYWORDS = new Set(['properties', 'patternProperties', '$ref', 'items', 'allOf', 'additionalProperties', 'additionalItems', 'if', 'then', 'else', 'contains', 'propertyNames', 'dependentSchemas']);

/**
 * Validates a compose document against the vendored compose-spec JSON Schema (draft 7, as
 * `docker compose config` does) and keeps, per instance location, the most specific errors:
 * an unknown property, a type mismatch (all accepted types of a oneOf together), an enum or
 * pattern failure, a missing required property.
 */
export function validateCompose(value: unknown): SchemaIssue[] {
  validator ??= new Validator(COMPOSE_SPEC_SCHEMA as never, '7', false);
  const result = validator.validate(value);
  if (result.valid) return [];
  const errors = result.errors.filter((e) => !CONTAINER_KEYWORDS.has(e.keyword));
  const locations = [...new Set(errors.map((e) => e.instanceLocation))];
  const hasDeeper = (loc: string) => locations.some((l) => l !== loc && l.startsWith(loc + '/'));
  const issues: SchemaIssue[] = [];
  const seen = new Set<string>();
  const push = (path: PathSeg[], message: string) => {
    const key = JSON.stringify(path) + message;
    if (!seen.has(key)) {
      seen.add(key);
      issues.push({ path, message });
    }
  };
  for (const loc of locations) {
    const here = errors.filter((e) => e.instanceLocation === loc);
    const path = decode(loc);
    if (here.some((e) => e.keyword === 'false')) {
      push(path, `unknown property "${String(path[path.length - 1])}"`);
      continue;
    }
    const branchy = here.some((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf');
    if (branchy && hasDeeper(loc)) continue;
    const types = here.filter((e) => e.keyword === 'type');
    if (types.length > 0) {
      const expected = [...new Set(types.flatMap((e) => expectedTypes(e)))];
      const got = /Instance type "([^"]+)"/.exec(types[0].error)?.[1] ?? 'value';
      push(path, `expected ${expected.join(' or ')}, got ${got}`);
      continue;
    }
    for (const e of here) {
      if (e.keyword === 'oneOf' || e.keyword === 'anyOf') {
        if (here.length === 1) push(path, e.keyword === 'oneOf' && /\(\d+ matches\)/.test(e.error) && !/\(0 matches\)/.test(e.error) ? 'matches more than one allowed form' : 'does not match any allowed form');
        continue;
      }
      push(path, clean(e));
    }
  }
  return issues;
}

function expectedTypes(e: OutputUnit): string[] {
  const m = /Expected (.+)\.$/.exec(e.error);
  if (!m) return [];
  return m[1].split(/,\s*|\s+or\s+/).map((t) => t.replace(/"/g, '').trim()).filter(Boolean);
}

function clean(e: OutputUnit): string {
  const required = /required property "([^"]+)"/.exec(e.error);
  if (e.keyword === 'required' && required) return `missing required property "${required[1]}"`;
  return e.error.replace(/^Instance /, 'value ').replace(/\.$/, '');
}
