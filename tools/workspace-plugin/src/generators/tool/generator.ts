import { formatFiles, type Tree } from '@nx/devkit';
import { benchCaseSource, FIXTURE_CLEAN, FIXTURE_WITH_MARKERS, specSource, toolNames, toolSource } from './templates';
import { readRoutes } from '../routes';

export interface ToolGeneratorSchema {
  category: string;
  name: string;
}

const BENCH_HEADER = `import type { BenchCase } from '@mcp/core-protocol/testing';

/** A realistic TypeScript module of about \`lines\` lines, with a marker comment now and then. */
function sourceOfLines(lines: number): string {
  const out: string[] = [];
  for (let i = 0; out.length < lines; i++) {
    out.push(\`// \${i % 7 === 0 ? 'TODO: ' : ''}handler number \${i}\`, \`export function handler\${i}(input: string): string {\`, '  return input.trim();', '}');
  }
  return out.slice(0, lines).join('\\n');
}
`;

/** Adds a tool to a category: folder with tool, spec and fixtures; registry; bench case. */
export async function toolGenerator(tree: Tree, options: ToolGeneratorSchema): Promise<void> {
  const lib = `libs/tools/${options.category}`;
  if (!tree.exists(`${lib}/src/index.ts`)) throw new Error(`There is no category "${options.category}" (${lib}/src/index.ts is missing).`);
  const route = readRoutes(tree).find((r) => r.category === options.category);
  if (!route) throw new Error(`Category "${options.category}" has no route in apps/gateway/src/routes.ts.`);
  const names = toolNames(route.prefix, options.name.replace(new RegExp(`^${route.prefix}`), ''));
  const dir = `${lib}/src/${names.kebab}`;
  if (tree.exists(dir)) throw new Error(`${dir} already exists: tool ${names.toolName} is taken.`);

  tree.write(`${dir}/${names.kebab}.tool.ts`, toolSource(names));
  tree.write(`${dir}/${names.kebab}.spec.ts`, specSource(names));
  tree.write(`${dir}/fixtures/with-markers.ts`, FIXTURE_WITH_MARKERS);
  tree.write(`${dir}/fixtures/clean.ts`, FIXTURE_CLEAN);
  register(tree, `${lib}/src/index.ts`, `import { ${names.camel} } from './${names.kebab}/${names.kebab}.tool';`, `${names.camel},`);

  const bench = `${lib}/bench/cases.ts`;
  const { importLine, entry } = benchCaseSource(names);
  if (!tree.exists(bench)) {
    tree.write(bench, `${BENCH_HEADER}\nconst cases: BenchCase[] = [\n];\n\nexport default cases;\n`);
  }
  let text = tree.read(bench, 'utf8')!;
  if (!text.includes('sourceOfLines(')) text = text.replace(/^(import type[^\n]*\n)/, `$1${BENCH_HEADER.split('\n').slice(1).join('\n')}`);
  text = text.replace(/^(import[^\n]*\n)(?!import)/m, `$1${importLine}\n`);
  text = text.replace(/\n\];/, `\n${entry}\n];`);
  tree.write(bench, text);
  await formatFiles(tree);
}

/** Adds an import and an entry to the lib's `tools` array. */
function register(tree: Tree, file: string, importLine: string, entry: string): void {
  let text = tree.read(file, 'utf8')!;
  const lastImport = [...text.matchAll(/^import[^\n]*\n/gm)].pop();
  const at = lastImport ? lastImport.index! + lastImport[0].length : 0;
  text = text.slice(0, at) + importLine + '\n' + text.slice(at);
  text = text.replace(/export const tools: ToolDefinition\[\] = \[([\s\S]*?)\];/, (_, body: string) => {
    const items = body.trim() ? `${body.trimEnd().replace(/,?$/, ',')}\n  ${entry}\n` : `\n  ${entry}\n`;
    return `export const tools: ToolDefinition[] = [${items}];`;
  });
  tree.write(file, text);
}

export default toolGenerator;
