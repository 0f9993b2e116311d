import { createCategoryWorker } from '@mcp/core-protocol/worker';
import { tools } from '@mcp/tools-python';

/** The python category: its tools behind the RPC contract the gateway speaks. */
export const CategoryEntrypoint = createCategoryWorker({ category: 'python', tools });
export default CategoryEntrypoint;
