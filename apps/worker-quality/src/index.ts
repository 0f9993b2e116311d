import { createCategoryWorker } from '@mcp/core-protocol/worker';
import { tools } from '@mcp/tools-quality';

/** The quality category: its tools behind the RPC contract the gateway speaks. */
export const CategoryEntrypoint = createCategoryWorker({ category: 'quality', tools });
export default CategoryEntrypoint;
