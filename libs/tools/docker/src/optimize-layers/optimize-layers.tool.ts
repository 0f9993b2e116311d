import { z } from 'zod';
import { analyzerOptions, contentArg, defineTool } from '@mcp/core-protocol';
import type { Finding } from '@mcp/core-response';
import { parseDockerfile } from '../shared/dockerfile/parse-dockerfile';
import { RULES } from './optimize-layers.rules';
import { optimize } from './optimize';

/**
 * Layer and cache analysis in the spirit of dive / docker-slim hints, with a rewritten
 * Dockerfile in which every finding is applied. The rewrite is parsed again before it is
 * returned, and its layer count is reported beside the original's.
 */
export const optimizeLayers = defineTool({
  name: 'docker_optimize_layers',
  title: 'Dockerfile layer optimizer',
  description:
    'Finds cache-busting order (COPY of the whole context before the dependency install), RUNs that should merge (DL3059), package-manager caches left in layers (DL3009/DL3019/DL3042 and npm/yarn/dnf/gem), cleanups in later layers that free nothing, and build tools in the final stage; returns a rewritten Dockerfile with every finding applied.',
  input: z.object({ content: contentArg('The Dockerfile, as text'), options: analyzerOptions({}) }).strict(),
  rules: Object.values(RULES),
  run({ content }) {
    const df = parseDockerfile(content);
    const { findings, dockerfile } = optimize(df);
    const after = parseDockerfile(dockerfile);
    const layers = (d: typeof df) => d.instructions.filter((i) => i.keyword === 'RUN' || i.keyword === 'COPY' || i.keyword === 'ADD').length;
    return {
      findings: findings as Finding[],
      metrics: {
        layersBefore: layers(df),
        layersAfter: layers(after),
        stagesBefore: df.stages.length,
        stagesAfter: after.stages.length,
      },
      artifacts: { dockerfile },
    };
  },
  render(envelope) {
    const m = envelope.metrics as { layersBefore: number; layersAfter: number; stagesBefore: number; stagesAfter: number } | undefined;
    const dockerfile = String(envelope.artifacts?.dockerfile ?? '');
    return [
      m ? `| | before | after |\n| --- | --- | --- |\n| layers (RUN/COPY/ADD) | ${m.layersBefore} | ${m.layersAfter} |\n| stages | ${m.stagesBefore} | ${m.stagesAfter} |` : '',
      `### Rewritten Dockerfile\n\n\`\`\`dockerfile\n${dockerfile.replace(/```/g, '`\u200b``')}\n\`\`\``,
    ];
  },
});
