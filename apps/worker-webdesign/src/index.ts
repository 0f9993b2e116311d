import { createCategoryWorker } from '@mcp/core-protocol/worker';
import { tools } from '@mcp/tools-webdesign';

/** The webdesign category: its tools behind the RPC contract the gateway speaks. */
export const CategoryEntrypoint = createCategoryWorker({ category: 'webdesign', tools });
export default CategoryEntrypoint;
