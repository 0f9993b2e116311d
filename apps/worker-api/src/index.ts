import { createCategoryWorker } from '@mcp/core-protocol/worker';
import { tools } from '@mcp/tools-api';

/** The api category: its tools behind the RPC contract the gateway speaks. */
export const CategoryEntrypoint = createCategoryWorker({ category: 'api', tools });
export default CategoryEntrypoint;
