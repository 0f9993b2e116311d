// Spec helper (not tool code): runs ESLint 9 with only the ported rules on the given files and
// prints {path: messages[]} as JSON. Called by lint-javascript.diff.spec.ts in a child process.
// lintText without a filePath, so ESLint's default node_modules ignore does not apply.
import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import globals from 'globals';

const RULES = ['no-unused-vars', 'no-undef', 'no-unreachable', 'no-dupe-keys', 'no-duplicate-case', 'no-empty', 'no-constant-condition', 'eqeqeq', 'no-self-compare', 'no-fallthrough', 'use-isnan', 'valid-typeof', 'no-unsafe-finally', 'no-sparse-arrays', 'no-cond-assign'];

async function main() {
  // [moduleFiles, scriptFiles, rules?]: the rules default to the ported recommended set.
  const [module, script, rules] = JSON.parse(readFileSync(0, 'utf8'));
  const out = {};
  for (const [files, sourceType] of [[module, 'module'], [script, 'script']]) {
    const eslint = new ESLint({
      overrideConfigFile: true,
      overrideConfig: {
        languageOptions: { ecmaVersion: 'latest', sourceType, globals: { ...globals.node } },
        linterOptions: { reportUnusedDisableDirectives: 'off', noInlineConfig: true },
        rules: rules ?? Object.fromEntries(RULES.map((r) => [r, 'error'])),
      },
    });
    for (const file of files) {
      const [res] = await eslint.lintText(readFileSync(file, 'utf8'));
      out[file] = res.messages.map((m) => ({ ruleId: m.ruleId, line: m.line, column: m.column, message: m.message, fatal: !!m.fatal }));
    }
  }
  process.stdout.write(JSON.stringify(out));
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
