import type { ToolDefinition } from '../registry/define-tool';

/**
 * One tool's benchmark input (`npm run bench:tools`). `input(lines)` builds realistic
 * arguments of about that many lines; the runner times ~300 lines, then sizes up to ~1 MiB
 * and checks how time grows when the input doubles.
 */
export interface BenchCase {
  tool: ToolDefinition;
  input(lines: number): unknown;
}
