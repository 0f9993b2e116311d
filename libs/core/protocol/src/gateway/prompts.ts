import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';

interface PromptArg {
  name: string;
  description: string;
  required: boolean;
  /** Values offered by completion/complete. */
  values?: string[];
}

interface PromptDef {
  name: string;
  title: string;
  description: string;
  arguments: PromptArg[];
  render(args: Record<string, string>): string;
}

const fence = (text: string, lang = '') => `\`\`\`${lang}\n${text}\n\`\`\``;

/**
 * Prompts for the common jobs that chain several tools. They name the tools and the order to
 * run them in; the text is built from the arguments, nothing else.
 */
export const PROMPTS: PromptDef[] = [
  {
    name: 'review-dockerfile',
    title: 'Review a Dockerfile',
    description: 'Lint, security-audit and optimize a Dockerfile, then propose the rewritten file.',
    arguments: [{ name: 'dockerfile', description: 'The Dockerfile text', required: true }],
    render: ({ dockerfile }) =>
      'Review this Dockerfile. Call docker_lint_dockerfile, docker_security_audit and docker_optimize_layers with it as `content`, ' +
      'group the findings by severity, explain each error with its rule id, and finish with the rewritten Dockerfile from docker_optimize_layers (artifacts.dockerfile), ' +
      'after checking that it passes docker_lint_dockerfile.\n\n' +
      fence(dockerfile, 'dockerfile'),
  },
  {
    name: 'audit-api-spec',
    title: 'Audit an OpenAPI specification',
    description: 'Lint an OpenAPI document, audit it against the OWASP API Top 10, and list breaking changes against a previous version.',
    arguments: [
      { name: 'spec', description: 'The OpenAPI document (YAML or JSON)', required: true },
      { name: 'previous', description: 'The previous version of the document, to diff against', required: false },
    ],
    render: ({ spec, previous }) =>
      'Audit this API specification. Call api_lint_openapi and api_security_audit with it as `content`' +
      (previous ? ', and api_diff_openapi with `before` = the previous version and `after` = this one; list every breaking change first' : '') +
      '. Summarize the errors by path and operation.\n\n' +
      fence(spec, 'yaml') +
      (previous ? `\n\nPrevious version:\n\n${fence(previous, 'yaml')}` : ''),
  },
  {
    name: 'review-pull-request',
    title: 'Review a pull-request diff',
    description: 'Review a unified diff for quality problems and leaked secrets.',
    arguments: [{ name: 'diff', description: 'The unified diff (git diff output)', required: true }],
    render: ({ diff }) =>
      'Review this pull request. Call quality_review_diff and quality_scan_secrets with the diff as `content`. ' +
      'Report only problems on added lines, each with file and line, most severe first; never repeat a secret in full.\n\n' +
      fence(diff, 'diff'),
  },
  {
    name: 'review-migration',
    title: 'Review a database migration',
    description: 'Check a SQL migration for locking and safety problems, style and query anti-patterns.',
    arguments: [
      { name: 'migration', description: 'The migration SQL', required: true },
      { name: 'dialect', description: 'SQL dialect', required: false, values: ['postgres', 'mysql', 'sqlite'] },
    ],
    render: ({ migration, dialect = 'postgres' }) =>
      `Review this ${dialect} migration before it runs in production. Call db_lint_migration, db_lint_sql and db_detect_query_antipatterns ` +
      `with it as \`content\` and \`options.dialect\` = "${dialect}". Explain which statements take locks that block writes and how to rewrite them.\n\n` +
      fence(migration, 'sql'),
  },
  {
    name: 'audit-dependencies',
    title: 'Audit dependencies for known vulnerabilities',
    description: 'Query the OSV advisory database for a lockfile or requirements file and suggest upgrades.',
    arguments: [
      { name: 'manifest', description: 'A lockfile (npm, yarn, pnpm) or a Python requirements/pyproject file', required: true },
      { name: 'ecosystem', description: 'Which ecosystem the file belongs to', required: true, values: ['npm', 'pypi'] },
    ],
    render: ({ manifest, ecosystem }) =>
      (ecosystem === 'pypi'
        ? 'Call python_audit_vulnerabilities with this file as `content`'
        : 'Call node_check_vulnerabilities and node_analyze_lockfile with this lockfile as `content`') +
      '. List every advisory with the package, installed version and first fixed version, and propose the smallest set of upgrades.\n\n' +
      fence(manifest),
  },
  {
    name: 'accessibility-review',
    title: 'Review a page for accessibility',
    description: 'Audit an HTML page with the axe-core rules, check its colour contrast and validate its markup.',
    arguments: [{ name: 'html', description: 'The HTML document', required: true }],
    render: ({ html }) =>
      'Audit this page for accessibility. Call web_audit_accessibility and web_validate_html with it as `content`, ' +
      'and web_check_color_contrast for the colour pairs it uses. Order the findings by impact and give the fix for each.\n\n' +
      fence(html, 'html'),
  },
];

export function listPrompts() {
  return PROMPTS.map(({ name, title, description, arguments: args }) => ({
    name,
    title,
    description,
    arguments: args.map(({ name: n, description: d, required }) => ({ name: n, description: d, required })),
  }));
}

export function getPrompt(name: string, args: Record<string, string> = {}) {
  const prompt = PROMPTS.find((p) => p.name === name);
  if (!prompt) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown prompt: ${name}`);
  for (const arg of prompt.arguments) {
    if (arg.required && !args[arg.name]) {
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Prompt ${name} needs the argument ${arg.name}`);
    }
    if (arg.values && args[arg.name] && !arg.values.includes(args[arg.name])) {
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Argument ${arg.name} of ${name} must be one of ${arg.values.join(', ')}`);
    }
  }
  return {
    description: prompt.description,
    messages: [{ role: 'user' as const, content: { type: 'text' as const, text: prompt.render(args) } }],
  };
}

export function completePromptArgument(name: string, argument: string, prefix: string): string[] {
  const values = PROMPTS.find((p) => p.name === name)?.arguments.find((a) => a.name === argument)?.values ?? [];
  return values.filter((v) => v.startsWith(prefix));
}
