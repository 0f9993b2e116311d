import { createCategoryWorker } from '@mcp/core-protocol/worker';
import { tools } from '@mcp/tools-database';

/** The database category: its tools behind the RPC contract the gateway speaks. */
export const CategoryEntrypoint = createCategoryWorker({ category: 'database', tools });
export default CategoryEntrypoint;
