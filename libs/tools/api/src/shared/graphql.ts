import {
  GraphQLError,
  KnownDirectivesRule,
  KnownTypeNamesRule,
  LoneSchemaDefinitionRule,
  PossibleTypeExtensionsRule,
  UniqueArgumentDefinitionNamesRule,
  UniqueArgumentNamesRule,
  UniqueDirectiveNamesRule,
  UniqueDirectivesPerLocationRule,
  UniqueEnumValueNamesRule,
  UniqueFieldDefinitionNamesRule,
  UniqueInputFieldNamesRule,
  UniqueOperationTypesRule,
  UniqueTypeNamesRule,
  buildASTSchema,
  parse,
  visit,
  visitInParallel,
  type ASTVisitor,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { ParseError } from '@mcp/core-response';

/** Parses GraphQL text; a syntax error becomes a ParseError at graphql-js's line and column. */
export function parseGraphql(text: string, source: string): DocumentNode {
  try {
    return parse(text);
  } catch (error) {
    if (error instanceof GraphQLError) {
      const loc = error.locations?.[0];
      throw new ParseError(error.message, loc?.line ?? 1, loc?.column ?? 1, source);
    }
    throw error;
  }
}

/** graphql-js's SDL validation rules (`specifiedSDLRules`) under their graphql-eslint ids. */
export const SDL_RULES: [string, (context: never) => ASTVisitor][] = [
  ['lone-schema-definition', LoneSchemaDefinitionRule],
  ['unique-operation-types', UniqueOperationTypesRule],
  ['unique-type-names', UniqueTypeNamesRule],
  ['unique-enum-value-names', UniqueEnumValueNamesRule],
  ['unique-field-definition-names', UniqueFieldDefinitionNamesRule],
  ['unique-argument-names', UniqueArgumentDefinitionNamesRule],
  ['unique-directive-names', UniqueDirectiveNamesRule],
  ['known-type-names', KnownTypeNamesRule],
  ['known-directives', KnownDirectivesRule],
  ['unique-directive-names-per-location', UniqueDirectivesPerLocationRule],
  ['possible-type-extension', PossibleTypeExtensionsRule],
  ['unique-argument-names', UniqueArgumentNamesRule],
  ['unique-input-field-names', UniqueInputFieldNamesRule],
] as never;

export interface SdlError {
  ruleId: string;
  error: GraphQLError;
}

/**
 * Runs the SDL rules over a type-system document, one rule at a time so that each error keeps
 * its rule id. graphql-js keeps its SDL validation context internal; these rules only need
 * the document, the (absent) schema being extended and an error sink.
 */
export function validateSdl(doc: DocumentNode): SdlError[] {
  const out: SdlError[] = [];
  // One traversal for all rules, each with its own context so its errors keep its id.
  const visitors = SDL_RULES.map(([ruleId, rule]) => {
    const context = {
      getDocument: () => doc,
      getSchema: () => undefined,
      reportError: (error: GraphQLError) => out.push({ ruleId, error }),
    };
    return (rule as unknown as (c: typeof context) => ASTVisitor)(context);
  });
  visit(doc, visitInParallel(visitors));
  // Rule order, then document order, as running the rules one by one would give.
  const rank = new Map(SDL_RULES.map(([id], i) => [id, i]));
  return out
    .map((e, n) => ({ e, n }))
    .sort((a, b) => (rank.get(a.e.ruleId)! - rank.get(b.e.ruleId)!) || a.n - b.n)
    .map(({ e }) => e);
}

/**
 * Builds a schema from SDL. Published schemas are not always strictly valid (GitHub's repeats
 * a field definition); like graphql-tools' loaders we build what graphql-js can build, and
 * report an SDL validation error (with its position) only when the schema cannot be built.
 */
export function buildSchemaFrom(doc: DocumentNode, source: string): GraphQLSchema {
  try {
    return buildASTSchema(doc, { assumeValidSDL: true });
  } catch (error) {
    const [first] = validateSdl(doc);
    const loc = first?.error.locations?.[0];
    throw new ParseError(first?.error.message ?? (error instanceof Error ? error.message : String(error)), loc?.line ?? 1, loc?.column ?? 1, source);
  }
}
