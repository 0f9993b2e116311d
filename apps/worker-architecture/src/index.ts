import { createCategoryWorker } from '@mcp/core-protocol/worker';
import { tools } from '@mcp/tools-architecture';

/** The architecture category: its tools behind the RPC contract the gateway speaks. */
export const CategoryEntrypoint = createCategoryWorker({ category: 'architecture', tools });
export default CategoryEntrypoint;
