import { z } from 'zod';
import { filesArg } from '@mcp/core-protocol';

export const graphArgs = {
  files: filesArg('Source files (JS/TS, ESM or CJS) with paths relative to the project root').optional(),
  content: z.string().optional().describe('The module graph as JSON in madge format: {"<module>": ["<dependency>", ...]} (instead of files)'),
};
