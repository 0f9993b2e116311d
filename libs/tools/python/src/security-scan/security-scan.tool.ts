import type { SyntaxNode } from '@lezer/common';
import { z } from 'zod';
import { analyzerOptions, contentArg, defineTool } from '@mcp/core-protocol';
import { table, type Finding } from '@mcp/core-response';
import { importAliases, qualifiedName } from '../shared/imports';
import { parsePython, type PyModule } from '../shared/parse';
import { callArgs, isStringNode, kids, loc, stringValue, textOf } from '../shared/syntax';
import {
  HTTP_CALLS, MARSHAL_CALLS, PASSWORD_NAME, PICKLE_CALLS, SAFE_YAML_LOADERS, SECURITY_DOCS, SECURITY_RULES, SHELL_CALLS, SQL,
  SUBPROCESS_CALLS, WEAK_HASHLIB, WEAK_HASH_CLASSES, type Level,
} from './security-scan.rules';

const RANK: Record<Level, number> = { LOW: 0, MEDIUM: 1, HIGH: 2 };
const SEVERITY = { LOW: 'info', MEDIUM: 'warning', HIGH: 'error' } as const;
const level = z.enum(['LOW', 'MEDIUM', 'HIGH']);

class Scanner {
  readonly findings: Finding[] = [];
  private readonly aliases: Map<string, string>;
  private readonly sqlSeen = new Set<number>();

  constructor(private readonly m: PyModule) {
    this.aliases = importAliases(m);
  }

  run(): void {
    this.m.tree.iterate({
      enter: (ref) => {
        switch (ref.name) {
          case 'AssertStatement':
            this.report('B101', ref.node, 'Use of assert detected. The enclosed code will be removed when compiling to optimised byte code.', 'Raise an exception (e.g. ValueError) instead of asserting on runtime input');
            break;
          case 'CallExpression':
            this.call(ref.node);
            break;
          case 'AssignStatement':
            this.passwordAssign(ref.node);
            break;
          case 'BinaryExpression':
            this.passwordCompare(ref.node);
            break;
          case 'String':
          case 'FormatString':
            this.sql(ref.node);
            break;
        }
      },
    });
  }

  private report(id: string, node: SyntaxNode, message: string, fix: string, sev?: Level, conf?: Level, extra: Record<string, unknown> = {}): void {
    const rule = SECURITY_DOCS.get(id)!;
    const issueSeverity = sev ?? rule.issueSeverity;
    const confidence = conf ?? rule.confidence;
    this.findings.push({ ruleId: id, severity: SEVERITY[issueSeverity], message, location: loc(this.m, node), fix, docs: rule.docs, issueSeverity, confidence, ...extra });
  }

  private call(n: SyntaxNode): void {
    const [callee, argList] = kids(n);
    const name = qualifiedName(this.m, callee, this.aliases);
    const args = callArgs(this.m, argList);
    for (const [kw, { value }] of args.keywords) {
      const v = stringValue(this.m, value);
      if (v !== null && PASSWORD_NAME.test(kw)) {
        this.report('B106', n, `Possible hardcoded password: '${v}' passed as ${kw}= to ${textOf(this.m, callee)}()`, `Read ${kw} from the environment or a secret store`);
      }
    }
    if (name === null) return;
    const short = name.split('.').pop()!;
    if (name === 'eval' || name === 'exec') {
      this.report('B307', n, `Use of possibly insecure function ${name}() - consider using safer ast.literal_eval.`, name === 'eval' ? 'Use ast.literal_eval for data, or avoid evaluating strings' : 'Avoid exec; dispatch to known functions instead');
    } else if (PICKLE_CALLS.has(name)) {
      this.report('B301', n, `Pickle and modules that wrap it can be unsafe when used to deserialize untrusted data (${name}).`, 'Deserialize untrusted data with json or another data-only format');
    } else if (MARSHAL_CALLS.has(name)) {
      this.report('B302', n, `Deserialization with the marshal module is possibly dangerous (${name}).`, 'Use json or another data-only format for untrusted input');
    } else if (WEAK_HASH_CLASSES.has(name)) {
      this.report('B303', n, `Use of insecure MD2, MD4, MD5, or SHA1 hash function (${name}).`, 'Use SHA-256 or stronger (e.g. hashes.SHA256())');
    } else if (name.startsWith('hashlib.') && (WEAK_HASHLIB.has(short) || short === 'new')) {
      this.hashlib(n, name, short, args);
    } else if (HTTP_CALLS.has(name)) {
      const verify = args.keywords.get('verify');
      if (verify && textOf(this.m, verify.value) === 'False') {
        this.report('B501', n, `Call to ${name} with verify=False disabling SSL certificate checks, security issue.`, 'Remove verify=False (or pass a CA bundle path)');
      }
    } else if (name === 'yaml.load') {
      const loaderNode = args.keywords.get('Loader')?.value ?? args.positional[1];
      const loader = loaderNode ? textOf(this.m, loaderNode).split('.').pop()! : '';
      if (!SAFE_YAML_LOADERS.has(loader)) {
        this.report('B506', n, `Use of unsafe yaml load${loader ? ` with Loader=${loader}` : ''}. Allows instantiation of arbitrary objects. Consider yaml.safe_load().`, 'Use yaml.safe_load(), or pass Loader=yaml.SafeLoader');
      }
    } else if (SUBPROCESS_CALLS.has(name)) {
      const shell = args.keywords.get('shell');
      if (shell && truthy(this.m, shell.value)) {
        const literal = args.positional[0] && stringValue(this.m, args.positional[0]) !== null;
        if (literal) this.report('B602', shell.name, `${name} call with shell=True seems safe, but may be changed in the future, consider rewriting without shell`, 'Pass the command as a list and drop shell=True', 'LOW', 'HIGH');
        else this.report('B602', shell.name, `${name} call with shell=True identified, security issue.`, 'Pass the command as a list of arguments and drop shell=True', 'HIGH', 'HIGH');
      }
    } else if (SHELL_CALLS.has(name) && args.positional.length > 0) {
      const literal = stringValue(this.m, args.positional[0]) !== null;
      if (literal) this.report('B605', n, `Starting a process with a shell (${name}): Seems safe, but may be changed in the future, consider rewriting without shell`, 'Use subprocess.run([...]) without a shell', 'LOW', 'HIGH');
      else this.report('B605', n, `Starting a process with a shell (${name}), possible injection detected, security issue.`, 'Use subprocess.run([...]) with an argument list, no shell', 'HIGH', 'HIGH');
    }
  }

  /** bandit 1.7's B324: weak hashlib constructors unless usedforsecurity=False. */
  private hashlib(n: SyntaxNode, name: string, short: string, args: ReturnType<typeof callArgs>): void {
    const forSecurity = args.keywords.get('usedforsecurity');
    if (forSecurity && textOf(this.m, forSecurity.value) === 'False') return;
    let algorithm = short;
    if (short === 'new') {
      const first = args.keywords.get('name')?.value ?? args.positional[0];
      const v = first ? stringValue(this.m, first) : null;
      if (v === null || !WEAK_HASHLIB.has(v.toLowerCase())) return;
      algorithm = v.toLowerCase();
    }
    this.report('B324', n, `Use of weak ${algorithm.toUpperCase()} hash for security (${name}). Consider usedforsecurity=False`, `Use hashlib.sha256(), or pass usedforsecurity=False if this is not a security use`);
  }

  private passwordAssign(n: SyntaxNode): void {
    const k = kids(n);
    if (k.some((c) => c.name === 'TypeDef')) return;
    const ops = k.filter((c) => c.name === 'AssignOp');
    if (ops.length === 0) return;
    const value = k[k.length - 1];
    const v = stringValue(this.m, value);
    if (v === null) return;
    for (const t of k.slice(0, k.indexOf(ops[ops.length - 1]))) {
      if (t.name === 'AssignOp') continue;
      let target = '';
      if (t.name === 'VariableName') target = textOf(this.m, t);
      else if (t.name === 'MemberExpression') {
        const tk = kids(t);
        if (tk[1]?.name === '.') target = textOf(this.m, tk[2]);
        else if (tk[1]?.name === '[') {
          const key = tk[2] ? stringValue(this.m, tk[2]) : null;
          if (key !== null) target = key;
        }
      }
      if (target && PASSWORD_NAME.test(target)) {
        this.report('B105', value, `Possible hardcoded password: '${v}' assigned to ${textOf(this.m, t)}`, `Load ${textOf(this.m, t)} from the environment or a secret store`);
        return;
      }
    }
  }

  private passwordCompare(n: SyntaxNode): void {
    const k = kids(n);
    if (k.length !== 3 || k[1].name !== 'CompareOp') return;
    const left = k[0];
    const name = left.name === 'VariableName' ? textOf(this.m, left) : left.name === 'MemberExpression' && kids(left)[1]?.name === '.' ? textOf(this.m, kids(left)[2]) : '';
    const v = stringValue(this.m, k[2]);
    if (name && v !== null && PASSWORD_NAME.test(name)) {
      this.report('B105', k[2], `Possible hardcoded password: '${v}' compared with ${textOf(this.m, left)}`, `Compare against a secret loaded at run time, with hmac.compare_digest`);
    }
  }

  /** B608: a SQL-looking literal inside `+`/`%` formatting, `.format()` or an f-string. */
  private sql(n: SyntaxNode): void {
    let text = '';
    let wrapper: SyntaxNode | null = null;
    const parent = n.parent;
    if (!parent) return;
    if (n.name === 'FormatString') {
      text = this.m.text.slice(n.from, n.to);
      wrapper = n;
    } else if (parent.name === 'BinaryExpression' && /^[+%]$/.test(textOf(this.m, kids(parent)[1] ?? parent))) {
      let top = parent;
      while (top.parent?.name === 'BinaryExpression' && /^[+%]$/.test(textOf(this.m, kids(top.parent)[1]))) top = top.parent;
      // Every string of a long `+` chain leads to the same top: look at each chain once.
      if (this.sqlSeen.has(top.from)) return;
      this.sqlSeen.add(top.from);
      text = this.stringsIn(top).join(' ');
      wrapper = top;
    } else if (parent.name === 'MemberExpression' && kids(parent)[2] && textOf(this.m, kids(parent)[2]) === 'format') {
      text = stringValue(this.m, n) ?? '';
      wrapper = parent.parent;
    } else return;
    if (!wrapper || !SQL.test(text)) return;
    this.sqlSeen.add(wrapper.from);
    const call = wrapper.parent?.name === 'ArgList' ? wrapper.parent.parent : wrapper.name === 'CallExpression' && wrapper.parent?.name === 'ArgList' ? wrapper.parent.parent : null;
    const callee = call ? textOf(this.m, kids(call)[0]).split('.').pop() : '';
    const execute = callee === 'execute' || callee === 'executemany';
    this.report('B608', wrapper, `Possible SQL injection vector through string-based query construction: ${textOf(this.m, wrapper).replace(/\s+/g, ' ').slice(0, 60)}`, 'Pass values as query parameters (cursor.execute(sql, params)) instead of formatting them into the SQL', 'MEDIUM', execute ? 'MEDIUM' : 'LOW');
  }

  private stringsIn(n: SyntaxNode): string[] {
    if (n.name === 'String') return [stringValue(this.m, n) ?? ''];
    if (n.name === 'BinaryExpression') return kids(n).flatMap((c) => this.stringsIn(c));
    return [];
  }
}

/** bandit's has_shell: literal falsy values are False, anything else is True. */
function truthy(m: PyModule, v: SyntaxNode): boolean {
  const t = textOf(m, v);
  if (t === 'False' || t === 'None' || t === '0' || t === '[]' || t === '{}' || t === '""' || t === "''") return false;
  return !isStringNode(v) || (stringValue(m, v) ?? 'x') !== '';
}

export function scanModule(m: PyModule): Finding[] {
  const s = new Scanner(m);
  s.run();
  return s.findings;
}

export const securityScan = defineTool({
  name: 'python_security_scan',
  title: 'Python security scan (bandit)',
  description:
    "Finds security issues in Python source like bandit: assert (B101), hardcoded passwords (B105/B106), pickle/marshal (B301/B302), weak hashes (B303/B324), eval/exec (B307), verify=False (B501), unsafe yaml.load (B506), shell=True / os.system (B602/B605) and SQL built by formatting (B608), each with bandit's severity and confidence.",
  input: z
    .object({
      content: contentArg('The Python source file to scan'),
      options: analyzerOptions({
        minSeverity: level.default('LOW').describe("Report issues of at least this bandit severity (LOW, MEDIUM, HIGH)"),
        minConfidence: level.default('LOW').describe("Report issues of at least this bandit confidence (LOW, MEDIUM, HIGH)"),
      }),
    })
    .strict(),
  rules: SECURITY_RULES.map(({ id, severity, summary, docs }) => ({ id, severity, summary, docs })),
  run({ content, options }) {
    const m = parsePython(content);
    const minSev = RANK[options?.minSeverity ?? 'LOW'];
    const minConf = RANK[options?.minConfidence ?? 'LOW'];
    const findings = scanModule(m).filter((f) => RANK[f.issueSeverity as Level] >= minSev && RANK[f.confidence as Level] >= minConf);
    const count = (key: 'issueSeverity' | 'confidence') => {
      const out: Record<Level, number> = { LOW: 0, MEDIUM: 0, HIGH: 0 };
      for (const f of findings) out[f[key] as Level]++;
      return out;
    };
    return { findings, metrics: { loc: m.lines.lineCount, bySeverity: count('issueSeverity'), byConfidence: count('confidence') } };
  },
  render(env) {
    const m = env.metrics as { bySeverity: Record<Level, number>; byConfidence: Record<Level, number> } | undefined;
    if (!m) return [];
    return [table(['level', 'by severity', 'by confidence'], (['HIGH', 'MEDIUM', 'LOW'] as Level[]).map((l) => [l, m.bySeverity[l], m.byConfidence[l]]))];
  },
});
