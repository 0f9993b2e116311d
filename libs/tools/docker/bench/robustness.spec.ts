import { readFileSync } from 'node:fs';
import { runTool, resultText } from '@mcp/core-protocol/testing';
import { tools } from '../src/index';

/** Any text, of any of the category's formats or none, gives a result or a clear error, never a crash. */
const inputs: [string, string][] = [
  ['empty', ''],
  ['whitespace', '  \n\n\t\n'],
  ['Dockerfile', readFileSync(new URL('../src/lint-dockerfile/fixtures/misc-legacy.Dockerfile', import.meta.url), 'utf8')],
  ['compose', readFileSync(new URL('../src/lint-compose/fixtures/problems.compose.yaml', import.meta.url), 'utf8')],
  ['manifests', readFileSync(new URL('../src/lint-k8s-manifests/fixtures/risky.yaml', import.meta.url), 'utf8')],
  ['JSON', '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}, "spec": {"containers": [{"name": "c", "image": 5}]}}'],
  ['prose', 'This is not a config file: it has colons, - dashes, and # hashes.\n'],
  ['control characters', 'FROM a\u0000b\nRUN \u0007\n'],
  ['unbalanced', 'services:\n  a: {b: [c\n'],
  ['deep nesting', 'a:\n' + Array.from({ length: 60 }, (_, i) => ' '.repeat(2 * (i + 1)) + `k${i}:`).join('\n') + ' 1\n'],
];

describe('robustness', () => {
  it.each(tools.flatMap((t) => inputs.map(([name, text]) => [t.name, name, text] as const)))('%s on %s input', async (_tool, _name, text) => {
    const tool = tools.find((t) => t.name === _tool)!;
    const reply = await runTool(tool, { content: text });
    expect(resultText(reply)).not.toMatch(/^Internal error/);
  });
});
