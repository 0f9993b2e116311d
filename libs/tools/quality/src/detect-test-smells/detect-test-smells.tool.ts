import { z } from 'zod';
import type { Node } from '@babel/types';
import { analyzerOptions, defineTool, fileSchema, type RuleDoc } from '@mcp/core-protocol';
import { InputError, table, type Finding } from '@mcp/core-response';
import { parseModule, textOf, type ParsedModule } from '../shared/parse';
import { childNodes, walk } from '@mcp/core-js';
import { asTestCall } from './test-calls';

const JEST = 'https://github.com/jest-community/eslint-plugin-jest/blob/main/docs/rules/';
const TSDETECT = 'https://testsmells.org/pages/testsmells.html';
const rules: RuleDoc[] = [
  { id: 'no-focused-tests', severity: 'error', summary: 'A focused test (.only, fit, fdescribe) that silently skips the rest of the suite', docs: `${JEST}no-focused-tests.md` },
  { id: 'no-disabled-tests', severity: 'warning', summary: 'A skipped test (.skip, xit, xtest, xdescribe) or a test without a body', docs: `${JEST}no-disabled-tests.md` },
  { id: 'expect-expect', severity: 'warning', summary: 'A test without any assertion (expect, assert*, should, sinon.assert*)', docs: `${JEST}expect-expect.md` },
  { id: 'no-conditional-in-test', severity: 'warning', summary: 'if, switch, ?: or &&/|| control flow inside a test body', docs: `${JEST}no-conditional-in-test.md` },
  { id: 'no-identical-title', severity: 'error', summary: 'Two tests or describe blocks with the same title in one describe block', docs: `${JEST}no-identical-title.md` },
  { id: 'sleepy-test', severity: 'warning', summary: 'A real wait (setTimeout, sleep/delay helpers) in a test instead of fake timers', docs: `${TSDETECT}#sleepy-test` },
  { id: 'magic-number-test', severity: 'info', summary: 'A numeric literal other than -1, 0, 1 passed to an assertion', docs: `${TSDETECT}#magic-number-test` },
];
const docs = (id: string) => rules.find((r) => r.id === id)?.docs;
const FIX: Record<string, string> = {
  'no-focused-tests': 'Remove .only (or the f prefix) before committing.',
  'no-disabled-tests': 'Fix and re-enable the test, or delete it; track the reason in an issue rather than a skip.',
  'expect-expect': 'Assert the behaviour under test (expect(...), assert...).',
  'no-conditional-in-test': 'Split the test per case (test.each) so that every run asserts the same path.',
  'no-identical-title': 'Give each test a title that says what distinguishes it.',
  'sleepy-test': 'Use fake timers (jest.useFakeTimers / vi.useFakeTimers / sinon.useFakeTimers) or await the actual event.',
  'magic-number-test': 'Name the expected value (const EXPECTED_TOTAL = ...) or derive it from the input.',
};

function isAssertion(call: Node): boolean {
  if (call.type !== 'CallExpression' && call.type !== 'OptionalCallExpression') return false;
  const text = chainText(call.callee);
  if (!text) return false;
  return /^(?:expect|assert\w*|should|sinon\.assert\w*)(?:\.|$)/.test(text) || /(?:^|\.)should(?:\.|$)/.test(text);
}

function chainText(n: Node): string | null {
  if (n.type === 'Identifier') return n.name;
  if ((n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') && !n.computed && n.property.type === 'Identifier') {
    const obj = chainText(n.object);
    return obj === null ? null : `${obj}.${n.property.name}`;
  }
  if (n.type === 'CallExpression') return chainText(n.callee);
  return null;
}

const SLEEP = /^(?:sleep|delay|wait|waitMs|pause|timeout|setTimeoutPromise)$/;
const FAKE_TIMERS = /\b(?:jest|vi|sinon)\.useFakeTimers\(|\binstall\(\)\s*;?|\bclock\s*=\s*sinon|\bFakeTimers\b/;

export function testSmells(mod: ParsedModule, path: string | undefined): Finding[] {
  const out: Finding[] = [];
  const fake = FAKE_TIMERS.test(mod.code);
  const add = (ruleId: string, node: Node, message: string, extra: Record<string, unknown> = {}) => {
    out.push({
      ruleId,
      severity: rules.find((r) => r.id === ruleId)!.severity,
      message: path ? `${message} (${path})` : message,
      location: { ...(path ? { path } : {}), line: node.loc!.start.line, column: node.loc!.start.column + 1 },
      fix: FIX[ruleId],
      docs: docs(ruleId),
      ...extra,
    });
  };

  const visitBlock = (node: Node, titles: Map<string, number>): void => {
    for (const child of childNodes(node)) visitNode(child, titles);
  };
  const visitNode = (node: Node, titles: Map<string, number>): void => {
    const t = asTestCall(node);
    if (!t) {
      visitBlock(node, titles);
      return;
    }
    const name = t.title ?? '<dynamic title>';
    const focused = t.chain.includes('only') || t.chain[0] === 'fit' || t.chain[0] === 'fdescribe';
    const skipped = t.chain.includes('skip') || /^x/.test(t.chain[0]);
    if (t.kind !== 'hook' && focused) add('no-focused-tests', t.marker, `Focused ${t.kind} '${name}' (${t.chain.join('.')}) skips every other test.`, { title: name });
    if (t.kind !== 'hook' && skipped) add('no-disabled-tests', t.marker, `Disabled ${t.kind} '${name}' (${t.chain.join('.')}).`, { title: name });
    if (t.kind === 'test' && !t.fn && !skipped && !t.chain.includes('todo') && (t.call as { arguments: Node[] }).arguments.length < 2) {
      // eslint-plugin-jest reports both: a pending test is disabled and asserts nothing.
      add('no-disabled-tests', t.call, `Test '${name}' is missing its function argument, so it never runs.`, { title: name });
      add('expect-expect', t.call, `Test '${name}' has no function body, so it asserts nothing.`, { title: name });
    }
    if (t.kind !== 'hook' && t.title !== null && !t.chain.includes('each')) {
      const key = `${t.kind}:${t.title}`;
      const first = titles.get(key);
      if (first !== undefined) add('no-identical-title', t.call, `${t.kind === 'test' ? 'Test' : 'Describe block'} title '${t.title}' is used again (first at line ${first}).`, { title: t.title });
      else titles.set(key, t.call.loc!.start.line);
    }
    if (t.kind === 'describe') {
      if (t.fn) visitBlock((t.fn as { body: Node }).body, new Map());
      return;
    }
    if (t.kind === 'test' && t.fn) checkTestBody(t.fn, name);
    if (t.kind === 'hook' && t.fn) checkWaits(t.fn, name);
  };

  const checkTestBody = (fn: Node, name: string): void => {
    let asserted = false;
    walk(fn, {
      enter(n) {
        if (isAssertion(n)) asserted = true;
        // Mocha's done-style / chai's should chains: x.should.equal(1)
        if (n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier' && n.property.name === 'should') asserted = true;
        if (n.type === 'IfStatement' || n.type === 'SwitchStatement' || n.type === 'ConditionalExpression') {
          add('no-conditional-in-test', n, `Test '${name}' has ${n.type === 'IfStatement' ? 'an if statement' : n.type === 'SwitchStatement' ? 'a switch' : 'a ?: conditional'} in its body.`, { title: name });
        }
        // As eslint-plugin-jest: every &&, || and ?? in a test callback (also in callbacks inside it).
        if (n.type === 'LogicalExpression') {
          add('no-conditional-in-test', n, `Test '${name}' branches on '${n.operator}' (${textOf(mod, n).slice(0, 40)}).`, { title: name });
        }
        if (n.type === 'CallExpression' && isAssertion(n)) {
          for (const a of n.arguments) {
            const lit = a.type === 'UnaryExpression' && a.operator === '-' && a.argument.type === 'NumericLiteral' ? { node: a, value: -a.argument.value } : a.type === 'NumericLiteral' ? { node: a, value: a.value } : null;
            if (lit && ![-1, 0, 1].includes(lit.value)) add('magic-number-test', lit.node, `Magic number ${textOf(mod, lit.node)} in an assertion of '${name}'.`, { title: name, value: lit.value });
          }
        }
        return undefined;
      },
    });
    checkWaits(fn, name);
    if (!asserted) add('expect-expect', fn, `Test '${name}' has no assertion.`, { title: name });
  };

  const checkWaits = (fn: Node, name: string): void => {
    walk(fn, {
      enter(n, parent) {
        if (n.type !== 'CallExpression') return;
        const callee = chainText(n.callee) ?? '';
        const last = callee.split('.').pop() ?? '';
        if ((callee === 'setTimeout' || callee === 'global.setTimeout' || callee === 'window.setTimeout') && !fake) {
          add('sleepy-test', n, `'${name}' waits with setTimeout(${n.arguments[1] ? textOf(mod, n.arguments[1] as Node) : ''}).`, { title: name });
        } else if (SLEEP.test(last) && parent?.type === 'AwaitExpression' && !fake) {
          add('sleepy-test', n, `'${name}' awaits ${callee}(${n.arguments.map((a) => textOf(mod, a as Node)).join(', ')}).`, { title: name });
        }
      },
    });
  };

  visitBlock(mod.ast.program, new Map());
  return out;
}

export const detectTestSmells = defineTool({
  name: 'quality_detect_test_smells',
  title: 'Test smells',
  description:
    "Finds test smells in Jest, Vitest and Mocha/chai files with eslint-plugin-jest's and tsDetect's rules: focused and disabled tests, tests without assertions, conditional logic in tests, duplicated titles, real sleeps and magic numbers in assertions.",
  input: z
    .object({
      files: z.array(fileSchema).optional().describe('Test files, with paths relative to the project root'),
      content: z.string().optional().describe('One test file as text'),
      options: analyzerOptions({}),
    })
    .strict(),
  rules,
  run({ files, content }) {
    const inputs = files ?? (content !== undefined ? [{ path: undefined as string | undefined, content }] : undefined);
    if (!inputs) throw new InputError('Give the test files as `files` or one file as `content`.');
    const findings: Finding[] = [];
    const rows: Array<{ path: string; tests: number; findings: number }> = [];
    for (const f of inputs) {
      const mod = parseModule(f.content, { source: f.path });
      const found = testSmells(mod, f.path);
      findings.push(...found);
      let tests = 0;
      walk(mod.ast.program, {
        enter(n) {
          if (asTestCall(n)?.kind === 'test') tests++;
        },
      });
      rows.push({ path: f.path ?? '(content)', tests, findings: found.length });
    }
    return { findings, metrics: { files: rows } };
  },
  render(envelope) {
    const rows = (envelope.metrics?.files ?? []) as Array<{ path: string; tests: number; findings: number }>;
    return [table(['file', 'tests', 'smells'], rows.map((r) => [r.path, r.tests, r.findings]))];
  },
});
