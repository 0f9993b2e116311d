import { dropFlagArg, getArgsNoFlags, getFlagArg, parseShell } from './shell';

const names = (script: string) => parseShell(script).commands.map((c) => c.name);

describe('parseShell', () => {
  it('splits commands on && || ; | and newlines, skipping prefix assignments', () => {
    expect(names('set -eux; DEBIAN_FRONTEND=noninteractive apt-get install -y curl && echo ok || exit 1')).toEqual(['set', 'apt-get', 'echo', 'exit']);
  });

  it('finds commands inside $(...), backticks, subshells and control structures, in pre-order', () => {
    expect(names('echo "$(uname -m | tr a b)" > /arch; (cd /src && make); if [ -f x ]; then rm x; fi; for f in *.sh; do sh "$f"; done; v=`id -u`')).toEqual([
      'echo', 'uname', 'tr', 'cd', 'make', '[', 'rm', 'sh', 'id',
    ]);
  });

  it('tells pipes from ||, and ignores pipes inside quotes and heredoc bodies', () => {
    expect(parseShell('a || b').hasPipes).toBe(false);
    expect(parseShell('echo "a | b" \'c | d\'').hasPipes).toBe(false);
    expect(parseShell('cat <<EOF > /etc/x\nfoo | bar\nEOF\necho done').hasPipes).toBe(false);
    expect(parseShell('curl -fsSL https://x | bash -').hasPipes).toBe(true);
    expect(parseShell('make 2>&1 |& tee log').hasPipes).toBe(true);
  });

  it('removes quotes, keeps variables as ${NAME}, and keeps redirect targets out of the arguments', () => {
    const [cmd] = parseShell('pip install "requests==2.32.3" $EXTRA ${MORE} >/dev/null 2>&1').commands;
    expect(cmd.args.map((a) => a.arg)).toEqual(['install', 'requests==2.32.3', '${EXTRA}', '${MORE}']);
  });

  it('derives flags like hadolint and drops flag values', () => {
    const [cmd] = parseShell('apt-get install -yq -t bookworm-backports --no-install-recommends curl').commands;
    expect(cmd.flags.map((f) => f.arg)).toEqual(['y', 'q', 't', 'no-install-recommends']);
    expect(getArgsNoFlags(dropFlagArg(['t'], cmd))).toEqual(['install', 'curl']);
    expect(getFlagArg('u', parseShell('useradd -u 100000 app').commands[0])).toEqual(['100000']);
  });

  it('resolves command wrappers and function definitions like ShellCheck', () => {
    expect(names('command -v git; builtin echo x; exec gosu app node; f() { ls; }')).toEqual(['command', 'echo', 'gosu', 'ls']);
  });
});

describe('pipelines', () => {
  it('groups commands joined by | and separates the rest', () => {
    const { commands } = parseShell('apt-get update && curl -fsSL https://get.docker.com | sh -s -- --version 26 ; wget -qO- x | tar xz');
    const byPipe = new Map<number, string[]>();
    for (const c of commands) byPipe.set(c.pipeline, [...(byPipe.get(c.pipeline) ?? []), c.name]);
    expect([...byPipe.values()]).toEqual([['apt-get'], ['curl', 'sh'], ['wget', 'tar']]);
  });
});
