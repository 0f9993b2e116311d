import {
  ExecutableDefinitionsRule,
  FieldsOnCorrectTypeRule,
  FragmentsOnCompositeTypesRule,
  KnownArgumentNamesRule,
  KnownDirectivesRule,
  KnownFragmentNamesRule,
  KnownTypeNamesRule,
  LoneAnonymousOperationRule,
  NoFragmentCyclesRule,
  NoUndefinedVariablesRule,
  NoUnusedFragmentsRule,
  NoUnusedVariablesRule,
  OverlappingFieldsCanBeMergedRule,
  PossibleFragmentSpreadsRule,
  ProvidedRequiredArgumentsRule,
  ScalarLeafsRule,
  SingleFieldSubscriptionsRule,
  UniqueArgumentNamesRule,
  UniqueDirectivesPerLocationRule,
  UniqueFragmentNamesRule,
  UniqueInputFieldNamesRule,
  UniqueOperationNamesRule,
  UniqueVariableNamesRule,
  ValuesOfCorrectTypeRule,
  VariablesAreInputTypesRule,
  VariablesInAllowedPositionRule,
  type ValidationRule,
} from 'graphql';
import type { RuleDoc } from '@mcp/core-protocol';
import { SDL_RULES } from '../shared/graphql';

/** graphql-js's executable-document rules (`specifiedRules`) under their graphql-eslint ids. */
export const OPERATION_RULES: [string, ValidationRule][] = [
  ['executable-definitions', ExecutableDefinitionsRule],
  ['unique-operation-name', UniqueOperationNamesRule],
  ['lone-anonymous-operation', LoneAnonymousOperationRule],
  ['one-field-subscriptions', SingleFieldSubscriptionsRule],
  ['known-type-names', KnownTypeNamesRule],
  ['fragments-on-composite-type', FragmentsOnCompositeTypesRule],
  ['variables-are-input-types', VariablesAreInputTypesRule],
  ['scalar-leafs', ScalarLeafsRule],
  ['fields-on-correct-type', FieldsOnCorrectTypeRule],
  ['unique-fragment-name', UniqueFragmentNamesRule],
  ['known-fragment-names', KnownFragmentNamesRule],
  ['no-unused-fragments', NoUnusedFragmentsRule],
  ['possible-fragment-spread', PossibleFragmentSpreadsRule],
  ['no-fragment-cycles', NoFragmentCyclesRule],
  ['unique-variable-names', UniqueVariableNamesRule],
  ['no-undefined-variables', NoUndefinedVariablesRule],
  ['no-unused-variables', NoUnusedVariablesRule],
  ['known-directives', KnownDirectivesRule],
  ['unique-directive-names-per-location', UniqueDirectivesPerLocationRule],
  ['known-argument-names', KnownArgumentNamesRule],
  ['unique-argument-names', UniqueArgumentNamesRule],
  ['value-literals-of-correct-type', ValuesOfCorrectTypeRule],
  ['provided-required-arguments', ProvidedRequiredArgumentsRule],
  ['variables-in-allowed-position', VariablesInAllowedPositionRule],
  ['overlapping-fields-can-be-merged', OverlappingFieldsCanBeMergedRule],
  ['unique-input-field-names', UniqueInputFieldNamesRule],
];

const ESLINT_DOCS = 'https://the-guild.dev/graphql/eslint/rules';

const validationIds = [...new Set([...SDL_RULES.map(([id]) => id), ...OPERATION_RULES.map(([id]) => id)])].sort();

export const GRAPHQL_LINT_RULES: RuleDoc[] = [
  ...validationIds.map((id) => ({
    id,
    severity: 'error' as const,
    summary: `graphql-js validation rule, reported with graphql-js's message.`,
    docs: `${ESLINT_DOCS}/${id}`,
  })),
  { id: 'naming-convention', severity: 'warning', summary: 'Types, interfaces, unions, enums, inputs and scalars PascalCase; fields and arguments camelCase; enum values UPPER_CASE.', docs: `${ESLINT_DOCS}/naming-convention` },
  { id: 'require-description', severity: 'warning', summary: 'Type definitions and root fields (Query, Mutation, Subscription) need a description.', docs: `${ESLINT_DOCS}/require-description` },
  { id: 'no-deprecated', severity: 'warning', summary: 'An operation uses a deprecated field or enum value.', docs: `${ESLINT_DOCS}/no-deprecated` },
  { id: 'max-depth', severity: 'error', summary: 'An operation is deeper than maxDepth (graphql-armor max-depth, graphql-depth-limit counting).', docs: 'https://escape.tech/graphql-armor/docs/plugins/max-depth' },
  { id: 'max-aliases', severity: 'error', summary: 'An operation uses more aliases than maxAliases (graphql-armor max-aliases).', docs: 'https://escape.tech/graphql-armor/docs/plugins/max-aliases' },
  { id: 'cost-limit', severity: 'error', summary: 'An operation costs more than maxCost (graphql-armor cost-limit defaults: object 2, scalar 1, depth factor 1.5).', docs: 'https://escape.tech/graphql-armor/docs/plugins/cost-limit' },
  { id: 'list-pagination', severity: 'warning', summary: 'A field returning a list of objects has no pagination arguments (first/after, last/before, limit/offset, page); lists inside *Connection/*Page/*Edge types are exempt.' },
];
