// Test entry point. Unit specs of tool libs use `runTool`; app integration specs use
// `startCluster` (in ./testing/cluster), which boots the workers in miniflare (loaded
// lazily, so tool specs never pay for it).
export { runTool, structured, resultText } from './testing/run-tool';
export type { RunToolOptions } from './testing/run-tool';
export type { BenchCase } from './testing/bench';
export { describeBenchCases } from './testing/bench-spec';
export type { BenchSpecOptions } from './testing/bench-spec';
export { describeCategoryThroughGateway } from './testing/category-spec';
export type { CategorySpecOptions } from './testing/category-spec';
export { osvRecordsIn, startOsvStub } from './testing/osv-stub';
export { startCluster } from './testing/cluster';
export type { Cluster, ClusterOptions } from './testing/cluster';
