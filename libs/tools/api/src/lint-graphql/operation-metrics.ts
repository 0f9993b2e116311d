import { Kind, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

export interface OperationMetrics {
  name: string;
  type: string;
  depth: number;
  aliases: number;
  cost: number;
}

type Fragments = Map<string, FragmentDefinitionNode>;

/**
 * Depth as graphql-depth-limit counts it: root fields are depth 0, each selection set below
 * a field adds one, fragments are expanded, introspection fields (`__*`) count 0.
 */
function depthOf(set: SelectionSetNode, fragments: Fragments, depth: number, stack: Set<string>): number {
  let max = depth;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.name.value.startsWith('__') || !sel.selectionSet) continue;
      max = Math.max(max, depthOf(sel.selectionSet, fragments, depth + 1, stack));
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      max = Math.max(max, depthOf(sel.selectionSet, fragments, depth, stack));
    } else {
      const frag = fragments.get(sel.name.value);
      if (!frag || stack.has(frag.name.value)) continue; // a fragment cycle is another rule's error
      stack.add(frag.name.value);
      max = Math.max(max, depthOf(frag.selectionSet, fragments, depth, stack));
      stack.delete(frag.name.value);
    }
  }
  return max;
}

/** Aliases in the expanded operation: an alias inside a fragment counts once per spread. */
function aliasesOf(set: SelectionSetNode, fragments: Fragments, stack: Set<string>): number {
  let count = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.alias) count++;
      if (sel.selectionSet) count += aliasesOf(sel.selectionSet, fragments, stack);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      count += aliasesOf(sel.selectionSet, fragments, stack);
    } else {
      const frag = fragments.get(sel.name.value);
      if (!frag || stack.has(frag.name.value)) continue;
      stack.add(frag.name.value);
      count += aliasesOf(frag.selectionSet, fragments, stack);
      stack.delete(frag.name.value);
    }
  }
  return count;
}

const OBJECT_COST = 2;
const SCALAR_COST = 1;
const DEPTH_COST_FACTOR = 1.5;

/** graphql-armor cost-limit with its defaults (objectCost 2, scalarCost 1, depthCostFactor 1.5, introspection ignored). */
function costOf(
  node: { kind: Kind; name?: { value: string }; selectionSet?: SelectionSetNode },
  fragments: Fragments,
  stack: Set<string>,
): number {
  if (node.name?.value === '__schema') return 0;
  let cost = SCALAR_COST;
  if (node.selectionSet) {
    cost = OBJECT_COST;
    for (const child of node.selectionSet.selections) cost += DEPTH_COST_FACTOR * costOf(child, fragments, stack);
  }
  if (node.kind === Kind.FRAGMENT_SPREAD && node.name) {
    const frag = fragments.get(node.name.value);
    if (frag && !stack.has(frag.name.value)) {
      stack.add(frag.name.value);
      cost += DEPTH_COST_FACTOR * costOf(frag, fragments, stack);
      stack.delete(frag.name.value);
    }
  }
  return cost;
}

export function measureOperation(op: OperationDefinitionNode, fragments: Fragments): OperationMetrics {
  return {
    name: op.name?.value ?? '(anonymous)',
    type: op.operation,
    depth: depthOf(op.selectionSet, fragments, 0, new Set()),
    aliases: aliasesOf(op.selectionSet, fragments, new Set()),
    cost: costOf(op, fragments, new Set()),
  };
}
