import { z } from 'zod';
import {
  Kind,
  buildASTSchema,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  validate,
  type ASTNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLError,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { analyzerOptions, defineTool } from '@mcp/core-protocol';
import { table, type Finding } from '@mcp/core-response';
import { parseGraphql, validateSdl } from '../shared/graphql';
import { GRAPHQL_LINT_RULES, OPERATION_RULES } from './lint-graphql.rules';
import { measureOperation, type OperationMetrics } from './operation-metrics';

const docsOf = new Map(GRAPHQL_LINT_RULES.map((r) => [r.id, r.docs]));
const severityOf = new Map(GRAPHQL_LINT_RULES.map((r) => [r.id, r.severity]));

function at(node: ASTNode | undefined, source: string): Finding['location'] {
  const token = node?.loc?.startToken;
  return { path: source, line: token?.line ?? 1, column: token?.column ?? 1 };
}

function finding(ruleId: string, message: string, location: Finding['location'], fix: string, extra: Record<string, unknown> = {}): Finding {
  return { ruleId, severity: severityOf.get(ruleId) ?? 'warning', message, location, fix, docs: docsOf.get(ruleId), ...extra };
}

/** How to fix each graphql-js validation error, plus graphql-js's own suggestion when it has one. */
const VALIDATION_FIX: Record<string, string> = {
  'fields-on-correct-type': 'Select a field that the type defines.',
  'known-argument-names': 'Remove the argument or use one that the field declares.',
  'known-type-names': 'Use a type that the schema defines, or define it.',
  'known-directives': 'Use a directive the schema defines, at a location it allows.',
  'known-fragment-names': 'Define the fragment or fix the spread name.',
  'no-undefined-variables': "Declare the variable in the operation's variable definitions.",
  'no-unused-variables': 'Remove the unused variable definition.',
  'no-unused-fragments': 'Remove the fragment or spread it where it is needed.',
  'no-fragment-cycles': 'Break the cycle: a fragment may not spread itself, directly or indirectly.',
  'possible-fragment-spread': 'Spread the fragment only where its type condition can match.',
  'provided-required-arguments': 'Pass every required argument.',
  'scalar-leafs': 'Select subfields of object-typed fields, and none of scalar fields.',
  'variables-in-allowed-position': 'Declare the variable with the type the argument expects.',
  'value-literals-of-correct-type': 'Pass a literal of the type the argument or input field expects.',
  'overlapping-fields-can-be-merged': 'Alias one of the conflicting fields so both fit in the response.',
  'unique-type-names': 'Rename or merge the duplicate definition (use `extend type` to add fields).',
};

function fromGraphqlError(ruleId: string, error: GraphQLError, source: string): Finding {
  const loc = error.locations?.[0];
  const suggestion = /Did you mean (.*)\?$/.exec(error.message)?.[1];
  const base = VALIDATION_FIX[ruleId] ?? `Correct the document where graphql-js's ${ruleId} validation fails.`;
  return finding(ruleId, error.message, { path: source, line: loc?.line ?? 1, column: loc?.column ?? 1 }, suggestion ? `${base} Did you mean ${suggestion}?` : base);
}

const PASCAL = /^[A-Z][A-Za-z0-9]*$/;
const CAMEL = /^[a-z][A-Za-z0-9]*$/;
const UPPER = /^[A-Z][A-Z0-9_]*$/;
const PAGINATION_ARGS = new Set(['first', 'last', 'after', 'before', 'limit', 'offset', 'page', 'pagesize', 'perpage', 'cursor', 'skip', 'take']);
const ROOTS = new Set(['Query', 'Mutation', 'Subscription']);

function toPascal(name: string): string {
  return name.replace(/(^|[_-]+)([a-zA-Z0-9])/g, (_, __, c: string) => c.toUpperCase());
}
function toCamel(name: string): string {
  const p = toPascal(name.replace(/^_+/, ''));
  return p.charAt(0).toLowerCase() + p.slice(1);
}

/** Schema-side checks on the SDL: naming, descriptions, unpaginated lists. */
function lintSdl(doc: DocumentNode, schema: GraphQLSchema | undefined): Finding[] {
  const out: Finding[] = [];
  const roots = new Set(
    [schema?.getQueryType()?.name, schema?.getMutationType()?.name, schema?.getSubscriptionType()?.name].filter(Boolean) as string[],
  );
  if (!schema) for (const r of ROOTS) roots.add(r);
  for (const def of doc.definitions) {
    if (!('name' in def) || !def.name || def.kind === Kind.DIRECTIVE_DEFINITION) continue;
    const typeName = def.name.value;
    const kindWord = def.kind.replace(/TypeDefinition|TypeExtension/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
    if (!PASCAL.test(typeName))
      out.push(finding('naming-convention', `${kindWord} "${typeName}" should be in PascalCase format`, at(def.name, 'schema'), `Rename it to "${toPascal(typeName)}".`, { path: typeName }));
    const isExtension = def.kind.endsWith('Extension');
    if (!isExtension && !('description' in def && def.description))
      out.push(finding('require-description', `Description is required for ${kindWord} "${typeName}"`, at(def.name, 'schema'), `Add a """description""" above ${typeName}.`, { path: typeName }));
    if ('fields' in def && def.fields) {
      for (const field of def.fields) {
        const fieldPath = `${typeName}.${field.name.value}`;
        if (!CAMEL.test(field.name.value))
          out.push(finding('naming-convention', `Field "${fieldPath}" should be in camelCase format`, at(field.name, 'schema'), `Rename it to "${toCamel(field.name.value)}".`, { path: fieldPath }));
        if (roots.has(typeName) && !field.description)
          out.push(finding('require-description', `Description is required for root field "${fieldPath}"`, at(field.name, 'schema'), `Add a """description""" to ${fieldPath}.`, { path: fieldPath }));
        if ('arguments' in field) {
          for (const arg of field.arguments ?? []) {
            if (!CAMEL.test(arg.name.value))
              out.push(finding('naming-convention', `Argument "${fieldPath}(${arg.name.value})" should be in camelCase format`, at(arg.name, 'schema'), `Rename it to "${toCamel(arg.name.value)}".`, { path: `${fieldPath}.${arg.name.value}` }));
          }
        }
        if (schema && def.kind !== Kind.INPUT_OBJECT_TYPE_DEFINITION && def.kind !== Kind.INPUT_OBJECT_TYPE_EXTENSION) {
          const type = schema.getType(typeName);
          const fieldDef = type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields()[field.name.value] : undefined;
          const nullable = fieldDef ? getNullableType(fieldDef.type) : undefined;
          const item = nullable && isListType(nullable) ? getNamedType(nullable) : undefined;
          // A connection's (or page's) own list is already paginated by the field that returns it.
          const pageType = /(Connection|Page|Edge)$/.test(typeName);
          if (!pageType && fieldDef && item && isCompositeType(item)) {
            const args = fieldDef.args.map((a) => a.name.toLowerCase());
            if (!args.some((a) => PAGINATION_ARGS.has(a)))
              out.push(finding('list-pagination', `Field "${fieldPath}" returns a list of ${item.name} without pagination arguments`, at(field.name, 'schema'), 'Add first/after (cursor connection) or limit/offset arguments so clients cannot fetch unbounded lists.', { path: fieldPath }));
          }
        }
      }
    }
    if (def.kind === Kind.ENUM_TYPE_DEFINITION || def.kind === Kind.ENUM_TYPE_EXTENSION) {
      for (const value of def.values ?? []) {
        if (!UPPER.test(value.name.value))
          out.push(finding('naming-convention', `Enum value "${typeName}.${value.name.value}" should be in UPPER_CASE format`, at(value.name, 'schema'), `Rename it to "${value.name.value.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}".`, { path: `${typeName}.${value.name.value}` }));
      }
    }
  }
  return out;
}

/**
 * Fields and enum values an operation uses although the schema deprecates them, as a rule of
 * the validation pass (it reads the same type information, so it needs no traversal of its own).
 */
function deprecatedUsageRule(out: Finding[]): ValidationRule {
  return (context) => ({
    Field(node) {
      const def = context.getFieldDef();
      const parent = context.getParentType();
      if (def?.deprecationReason)
        out.push(finding('no-deprecated', `This field "${parent?.name}.${def.name}" is marked as deprecated in your GraphQL schema (reason: ${def.deprecationReason})`, at(node.name, 'queries'), `Stop selecting ${parent?.name}.${def.name}; the schema's reason says what replaces it.`, { path: `${parent?.name}.${def.name}` }));
    },
    EnumValue(node) {
      const value = context.getEnumValue();
      const type = getNamedType(context.getInputType() ?? undefined);
      if (value?.deprecationReason)
        out.push(finding('no-deprecated', `This enum value "${type?.name}.${value.name}" is marked as deprecated in your GraphQL schema (reason: ${value.deprecationReason})`, at(node, 'queries'), `Stop sending ${value.name}; the schema's reason says what replaces it.`, { path: `${type?.name}.${value.name}` }));
    },
  });
}

export const lintGraphqlTool = defineTool({
  name: 'api_lint_graphql',
  title: 'Lint GraphQL',
  description:
    'Lints a GraphQL SDL and, optionally, operations against it: graphql-js validation errors under graphql-eslint rule ids, ' +
    'naming conventions, missing descriptions, deprecated fields used by operations, list fields without pagination, and ' +
    "graphql-armor's per-operation depth, alias and cost limits.",
  input: z
    .object({
      schema: z.string().describe('The GraphQL schema (SDL) as text'),
      queries: z.string().optional().describe('Optional executable document (queries, mutations, fragments) to check against the schema'),
      options: analyzerOptions({
        maxDepth: z.number().int().min(0).optional().describe('graphql-armor max-depth limit (default 6)'),
        maxAliases: z.number().int().min(0).optional().describe('graphql-armor max-aliases limit (default 15)'),
        maxCost: z.number().min(0).optional().describe('graphql-armor cost-limit (default 5000)'),
      }),
    })
    .strict(),
  rules: GRAPHQL_LINT_RULES,
  run({ schema: sdl, queries, options }) {
    const maxDepth = options?.maxDepth ?? 6;
    const maxAliases = options?.maxAliases ?? 15;
    const maxCost = options?.maxCost ?? 5000;
    const sdlDoc = parseGraphql(sdl, 'schema');
    const opsDoc = queries !== undefined ? parseGraphql(queries, 'queries') : undefined;
    const findings: Finding[] = [];
    const sdlErrors = validateSdl(sdlDoc);
    for (const { ruleId, error } of sdlErrors) findings.push(fromGraphqlError(ruleId, error, 'schema'));
    let schema: GraphQLSchema | undefined;
    if (sdlErrors.length === 0) {
      try {
        schema = buildASTSchema(sdlDoc, { assumeValidSDL: true });
      } catch {
        schema = undefined; // reported above by the SDL rules
      }
    }
    findings.push(...lintSdl(sdlDoc, schema));
    const operations: OperationMetrics[] = [];
    if (opsDoc && schema) {
      // One traversal for all rules: each rule reports through its own view of the context,
      // which tags its errors with the rule's id.
      const ruleOf = new Map<GraphQLError, string>();
      const tagged = OPERATION_RULES.map(([ruleId, rule]): ValidationRule => (context) => {
        const view = Object.create(context) as ValidationContext;
        view.reportError = (error: GraphQLError) => {
          ruleOf.set(error, ruleId);
          context.reportError(error);
        };
        return rule(view);
      });
      const deprecated: Finding[] = [];
      for (const error of validate(schema, opsDoc, [...tagged, deprecatedUsageRule(deprecated)], { maxErrors: 10_000 }))
        findings.push(fromGraphqlError(ruleOf.get(error) ?? 'graphql-validation', error, 'queries'));
      findings.push(...deprecated);
    }
    if (opsDoc) {
      const fragments = new Map<string, FragmentDefinitionNode>();
      for (const def of opsDoc.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
      for (const def of opsDoc.definitions) {
        if (def.kind !== Kind.OPERATION_DEFINITION) continue;
        const m = measureOperation(def, fragments);
        operations.push(m);
        const where = at(def.name ?? def, 'queries');
        const extra = { operation: m.name };
        if (m.depth > maxDepth)
          findings.push(finding('max-depth', `Operation "${m.name}" has depth ${m.depth}, over the limit of ${maxDepth}`, where, 'Flatten the selection or split it into several operations.', extra));
        if (m.aliases > maxAliases)
          findings.push(finding('max-aliases', `Operation "${m.name}" uses ${m.aliases} aliases, over the limit of ${maxAliases}`, where, 'Use fewer aliases; batch with list arguments instead.', extra));
        if (m.cost > maxCost)
          findings.push(finding('cost-limit', `Operation "${m.name}" costs ${m.cost}, over the limit of ${maxCost}`, where, 'Select fewer nested fields or paginate.', extra));
      }
    }
    return { findings, metrics: { operations } };
  },
  render(envelope) {
    const ops = (envelope.metrics?.operations ?? []) as OperationMetrics[];
    return [table(['operation', 'type', 'depth', 'aliases', 'cost'], ops.map((o) => [o.name, o.type, o.depth, o.aliases, o.cost]))];
  },
});
