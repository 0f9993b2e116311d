import { createCategoryWorker } from '@mcp/core-protocol/worker';
import { tools } from '@mcp/tools-nodejs';

/** The nodejs category: its tools behind the RPC contract the gateway speaks. */
export const CategoryEntrypoint = createCategoryWorker({ category: 'nodejs', tools });
export default CategoryEntrypoint;
