// Spec-only: what the specs use from '@mcp/core-protocol/testing', without the cluster module.
export { runTool, structured, resultText } from '../../../../core/protocol/src/testing/run-tool';
export type { BenchCase } from '../../../../core/protocol/src/testing/bench';
