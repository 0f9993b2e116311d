import { readdirSync, readFileSync } from 'node:fs';
import { DockerfileParser } from 'dockerfile-ast';
import { ParseError } from '@mcp/core-response';
import { parseDockerfile, scriptOf, expand } from './parse-dockerfile';

const fixturesDir = new URL('../../lint-dockerfile/fixtures/', import.meta.url);

describe('parseDockerfile', () => {
  it('agrees with dockerfile-ast on every lint fixture: keywords, lines, flags and FROM parts', () => {
    const files = [
      ...readdirSync(fixturesDir).filter((f) => f.endsWith('.Dockerfile') && !f.startsWith('parse-error')),
      ...readdirSync(new URL('awesome-compose/', fixturesDir)).map((f) => `awesome-compose/${f}`),
    ];
    expect(files.length).toBeGreaterThan(40);
    for (const file of files) {
      const text = readFileSync(new URL(file, fixturesDir), 'utf8');
      const ours = parseDockerfile(text);
      const theirs = DockerfileParser.parse(text).getInstructions();
      expect(ours.instructions.map((i) => [i.keyword, i.line])).toEqual(theirs.map((i) => [i.getKeyword(), i.getRange().start.line + 1]));
      theirs.forEach((ins, k) => {
        const flags = 'getFlags' in ins ? (ins as unknown as { getFlags(): { getName(): string; getValue(): string | null }[] }).getFlags() : [];
        expect(ours.instructions[k].flags).toEqual(flags.map((f) => ({ name: f.getName(), value: f.getValue() })));
        if (ins.getKeyword() === 'FROM') {
          const from = ins as unknown as { getImage(): string; getBuildStage(): string | null };
          const stage = ours.stages[ours.instructions[k].stage];
          expect(stage.imageText).toBe(from.getImage());
          expect(stage.alias).toBe(from.getBuildStage()?.toLowerCase() ?? null);
        }
      });
    }
  });

  it('joins continuations, drops comment lines inside them, and records the end line', () => {
    const df = parseDockerfile('FROM debian:12\nRUN apt-get update \\\n  # refresh lists\n  && apt-get install -y curl \\\n\n  && rm -rf /var/lib/apt/lists/*\n');
    const run = df.instructions[1];
    expect(run).toMatchObject({ keyword: 'RUN', line: 2, endLine: 6 });
    expect(run.args).toBe('apt-get update   && apt-get install -y curl   && rm -rf /var/lib/apt/lists/*');
  });

  it('reads heredocs; a RUN that is only a heredoc runs its body', () => {
    const df = parseDockerfile('FROM alpine:3.20\nRUN <<EOF\nset -e\napk add --no-cache curl | tee /log\nEOF\nCOPY <<-CONF /etc/app.conf\n\tport=80\n\tCONF\nUSER 1000\n');
    const [, run, copy, user] = df.instructions;
    expect(run.heredocs).toEqual([{ name: 'EOF', content: 'set -e\napk add --no-cache curl | tee /log', line: 3 }]);
    expect(scriptOf(run)).toBe('set -e\napk add --no-cache curl | tee /log');
    expect(copy.heredocs[0]).toMatchObject({ name: 'CONF', content: 'port=80' });
    expect(user).toMatchObject({ keyword: 'USER', line: 9 });
  });

  it('honours the escape directive (Windows Dockerfiles)', () => {
    const df = parseDockerfile('# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN powershell -Command `\n    Install-WindowsFeature Web-Server\nWORKDIR C:\\inetpub\n');
    expect(df.escape).toBe('`');
    expect(df.instructions.map((i) => [i.keyword, i.line])).toEqual([['FROM', 2], ['RUN', 3], ['WORKDIR', 5]]);
    expect(df.instructions[2].args).toBe('C:\\inetpub');
  });

  it('resolves global ARG defaults in FROM and links stages to their parents', () => {
    const df = parseDockerfile('ARG REG=ghcr.io/acme\nARG TAG\nFROM ${REG}/base:${VARIANT:-1.4} AS base\nFROM base AS app\nFROM ${REG}/runtime:${TAG}\n');
    expect(df.stages.map((s) => [s.image.text, s.resolved, s.parent])).toEqual([
      ['ghcr.io/acme/base:1.4', true, null],
      ['base', true, 0],
      ['ghcr.io/acme/runtime:${TAG}', false, null],
    ]);
    expect(df.stages[0].image).toMatchObject({ registry: 'ghcr.io', name: 'acme/base', tag: '1.4', digest: null });
    expect(expand('${A:+set}', new Map([['A', 'x']]))).toEqual({ value: 'set', resolved: true });
  });

  it('parses ONBUILD triggers as instructions', () => {
    const df = parseDockerfile('FROM node:20\nONBUILD RUN npm install\n');
    expect(df.instructions[1].trigger).toMatchObject({ keyword: 'RUN', args: 'npm install', line: 2 });
  });

  it.each([
    ['FROM alpine:3\nRUNN echo hi\n', 2, 1, 'unknown instruction: RUNN'],
    ['FROM alpine:3\n  COPPY . /app\n', 2, 3, 'unknown instruction: COPPY'],
    ['FROM alpine:3\nWORKDIR\n', 2, 8, 'WORKDIR requires at least one argument'],
    ['FROM alpine:3\nRUN <<EOF\necho hi\n', 2, 1, 'unterminated heredoc: no line "EOF" closes <<EOF'],
    ['FROM alpine:3\nONBUILD RUNX x\n', 2, 9, 'unknown instruction: RUNX'],
  ])('reports a parse error with line and column: %j', (text, line, column, message) => {
    let error: unknown;
    try {
      parseDockerfile(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ParseError);
    expect(error).toMatchObject({ line, column, message });
  });
});
