// Worker-side entry: turns a category's tool list into the RPC entrypoint the gateway binds
// to. Imports `cloudflare:workers`, so only worker bundles (never Node specs) import it.
export { createCategoryWorker } from './worker/category-entrypoint';
export type { CategoryWorkerOptions } from './worker/category-entrypoint';
