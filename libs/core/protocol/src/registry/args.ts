import { z } from 'zod';

/**
 * Argument schemas shared by every tool, so that the same name means the same thing
 * everywhere (TOOLS.md "Input"). Tools compose these instead of redefining them.
 */
export const contentArg = (what = 'The file to analyze, as text') => z.string().describe(what);

export const fileSchema = z
  .object({
    path: z.string().min(1).describe('Path relative to the project root, as the caller wants it reported'),
    content: z.string().describe('The file contents as text'),
  })
  .strict();

export const filesArg = (what = 'The files to analyze, with paths relative to the project root') =>
  z.array(fileSchema).describe(what);

export const ignoreOption = z
  .array(z.string())
  .describe('Rule ids not to report')
  .optional();

/** `options` for an analyzer: its own keys plus `ignore`; unknown keys are schema errors. */
export function analyzerOptions<S extends z.ZodRawShape>(shape: S) {
  return z
    .object({ ignore: ignoreOption, ...shape })
    .strict()
    .describe('Tool settings: rule selection, thresholds, dialect')
    .optional();
}
