export { categoryWorkerGenerator } from './generators/category-worker/generator';
export type { CategoryWorkerSchema } from './generators/category-worker/generator';
export { toolGenerator } from './generators/tool/generator';
export type { ToolGeneratorSchema } from './generators/tool/generator';
