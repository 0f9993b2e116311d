import { createCategoryWorker } from '@mcp/core-protocol/worker';
import { tools } from '@mcp/tools-docker';

/** The docker category: its tools behind the RPC contract the gateway speaks. */
export const CategoryEntrypoint = createCategoryWorker({ category: 'docker', tools });
export default CategoryEntrypoint;
