import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startCluster, type Cluster } from '@mcp/core-protocol/testing';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../..', import.meta.url));

/** The MCP Inspector's CLI (what people use to poke a server) against the local gateway. */
describe('MCP Inspector CLI', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({ apps: ['gateway', 'worker-docker', 'tailworker'] });
  });
  afterAll(() => cluster?.stop());

  const inspect = async (...args: string[]) => {
    const { stdout } = await run('npx', ['mcp-inspector', '--cli', cluster.mcpUrl, '--transport', 'http', ...args], { cwd: root, timeout: 60_000 });
    return JSON.parse(stdout.slice(stdout.indexOf('{')));
  };

  it('lists the tools', async () => {
    const list = await inspect('--method', 'tools/list');
    expect(list.tools.map((t: { name: string }) => t.name)).toContain('docker_lint_dockerfile');
  });

  it('calls a tool', async () => {
    const result = await inspect('--method', 'tools/call', '--tool-name', 'docker_lint_dockerfile', '--tool-arg', 'content=FROM node:latest');
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('DL3007');
  });
});
