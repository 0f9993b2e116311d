import type { SyntaxNode } from '@lezer/common';
import { z } from 'zod';
import { analyzerOptions, contentArg, defineTool } from '@mcp/core-protocol';
import { table, type Finding } from '@mcp/core-response';
import { parsePython, type PyModule } from '../shared/parse';
import { classParts, functionParts, kids, loc, params, textOf } from '../shared/syntax';

interface FunctionRow {
  name: string;
  line: number;
  annotated: number;
  total: number;
  coveragePercent: number;
}

const MYPY = (code: string) => `https://mypy.readthedocs.io/en/stable/error_code_list2.html#${code}`;
const isAny = (m: PyModule, n: SyntaxNode) => (n.name === 'VariableName' && textOf(m, n) === 'Any') || (n.name === 'MemberExpression' && /^(typing|t|typing_extensions)\.Any$/.test(textOf(m, n)));

/** Occurrences of `Any` inside an annotation (also inside string forward references). */
function anyUses(m: PyModule, n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const visit = (x: SyntaxNode) => {
    if (isAny(m, x)) return void out.push(x);
    if (x.name === 'String' && /^[rRuU]?['"]{1,3}.*\bAny\b/s.test(textOf(m, x))) return void out.push(x);
    for (let c = x.firstChild; c; c = c.nextSibling) visit(c);
  };
  visit(n);
  return out;
}

export const typeHintCoverage = defineTool({
  name: 'python_type_hint_coverage',
  title: 'Python type hint coverage (mypy, pyright)',
  description:
    'Measures how much of a Python module is annotated: the share of annotated parameters and return types per function and overall (self/cls skipped, *args/**kwargs counted, nested functions included, lambdas not), explicit Any usage, and public functions that are not fully annotated (mypy no-untyped-def).',
  input: z
    .object({
      content: contentArg('The Python source file to measure'),
      options: analyzerOptions({}),
    })
    .strict(),
  rules: [
    { id: 'no-untyped-def', severity: 'warning', summary: 'A public function (dunder methods included) missing a parameter or return annotation', docs: MYPY('check-that-every-function-has-an-annotation-no-untyped-def') },
    { id: 'explicit-any', severity: 'info', summary: 'An annotation using Any', docs: MYPY('check-that-type-of-target-is-known-has-type') },
  ],
  run({ content }) {
    const m = parsePython(content);
    const findings: Finding[] = [];
    const functions: FunctionRow[] = [];
    let paramsAnnotated = 0;
    let paramsTotal = 0;
    let returnsAnnotated = 0;
    let returnsTotal = 0;
    let anyCount = 0;
    const reportAny = (annotation: SyntaxNode | undefined, what: string) => {
      if (!annotation) return;
      for (const a of anyUses(m, annotation)) {
        anyCount++;
        findings.push({ ruleId: 'explicit-any', severity: 'info', message: `${what} is annotated with Any`, location: loc(m, a), fix: 'Use a precise type, a TypeVar, a Protocol or object', docs: MYPY('check-that-type-of-target-is-known-has-type') });
      }
    };

    const visit = (n: SyntaxNode, prefix: string, inClass: boolean) => {
      if (n.name === 'ClassDefinition') {
        const c = classParts(n);
        const name = prefix + textOf(m, c.name);
        for (let x = c.body.firstChild; x; x = x.nextSibling) visit(x, `${name}.`, true);
        return;
      }
      if (n.name === 'FunctionDefinition') {
        const f = functionParts(n);
        const short = textOf(m, f.name);
        const name = prefix + short;
        const isStatic = f.decorators.some((d) => /(^|\.)staticmethod$/.test(textOf(m, d)));
        let ps = params(f.params);
        if (inClass && !isStatic && ps.length && ps[0].kind === 'positional') ps = ps.slice(1);
        const annotated = ps.filter((p) => p.annotation).length;
        const hasReturn = f.returns !== undefined;
        paramsAnnotated += annotated;
        paramsTotal += ps.length;
        returnsAnnotated += hasReturn ? 1 : 0;
        returnsTotal++;
        const total = ps.length + 1;
        const done = annotated + (hasReturn ? 1 : 0);
        const line = m.lines.position(f.name.from).line;
        functions.push({ name, line, annotated: done, total, coveragePercent: (done / total) * 100 });
        for (const p of ps) reportAny(p.annotation, `parameter '${textOf(m, p.node)}' of ${name}`);
        reportAny(f.returns, `the return type of ${name}`);
        const isPublic = !short.startsWith('_') || (short.startsWith('__') && short.endsWith('__'));
        if (isPublic && done < total) {
          // mypy lets __init__ omit "-> None" once an argument is annotated.
          const initOk = short === '__init__' && annotated === ps.length && annotated > 0;
          if (!initOk) {
            const message =
              done === 0 && ps.length > 0
                ? `Function ${name} is missing a type annotation`
                : !hasReturn && annotated === ps.length
                  ? `Function ${name} is missing a return type annotation`
                  : `Function ${name} is missing a type annotation for one or more arguments (${ps.filter((p) => !p.annotation).map((p) => textOf(m, p.node)).join(', ')})`;
            findings.push({ ruleId: 'no-untyped-def', severity: 'warning', message, location: loc(m, f.name), fix: `Annotate ${hasReturn ? 'the parameters' : annotated === ps.length ? 'the return type' : 'the parameters and return type'} of ${name}`, docs: MYPY('check-that-every-function-has-an-annotation-no-untyped-def'), name });
          }
        }
        for (let x = f.body.firstChild; x; x = x.nextSibling) visit(x, `${name}.`, false);
        return;
      }
      if (n.name === 'AssignStatement') {
        const typedef = kids(n).find((c) => c.name === 'TypeDef');
        if (typedef) reportAny(kids(typedef).find((c) => c.name !== ':'), `variable ${textOf(m, kids(n)[0])}`);
      }
      for (let x = n.firstChild; x; x = x.nextSibling) visit(x, prefix, inClass && n.name === 'DecoratedStatement');
    };
    for (let x = m.top.firstChild; x; x = x.nextSibling) visit(x, '', false);

    const pct = (a: number, t: number) => (t ? (a / t) * 100 : 100);
    return {
      findings,
      metrics: {
        coveragePercent: pct(paramsAnnotated + returnsAnnotated, paramsTotal + returnsTotal),
        parameterCoveragePercent: pct(paramsAnnotated, paramsTotal),
        returnCoveragePercent: pct(returnsAnnotated, returnsTotal),
        parameters: { annotated: paramsAnnotated, total: paramsTotal },
        returns: { annotated: returnsAnnotated, total: returnsTotal },
        anyCount,
        functions,
      },
    };
  },
  render(env) {
    const metrics = env.metrics as { coveragePercent: number; functions: FunctionRow[] } | undefined;
    if (!metrics) return [];
    return [`Coverage: ${metrics.coveragePercent.toFixed(1)}%`, table(['function', 'line', 'annotated', 'total', 'coverage %'], metrics.functions.map((f) => [f.name, f.line, f.annotated, f.total, f.coveragePercent]))];
  },
});
