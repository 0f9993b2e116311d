import { parse } from 'yaml';
import { emitYaml } from './emit-yaml';

describe('emitYaml', () => {
  it('writes block YAML that the yaml package reads back to the same data', () => {
    const data = {
      apiVersion: 'v1',
      metadata: { name: 'web', labels: { 'io.kompose.service': 'web', 'io.kompose.network/backend': 'true' }, annotations: {} },
      spec: {
        ports: [{ name: '80', port: 80, targetPort: 3000 }, { name: '5353-udp', port: 5353, protocol: 'UDP' }],
        args: ['--port', '8080', '-v', 'a: b', '# not a comment', '', ' lead', 'trail ', '*star', '&amp', '!bang', '@at', 'yes', 'null', '1e3', '0x1F', 'multi\nline', 'tab\there', 'é ü', '{x}', '[y]', 'c:\\path'],
        nested: [[1, 2], [], {}, [{ a: null, b: true, c: 1.5 }]],
        empty: [],
        none: null,
      },
    };
    const text = emitYaml(data);
    expect(parse(text)).toEqual(data);
    expect(text).toContain('  ports:\n    - name: "80"\n      port: 80\n');
    expect(text).toContain('    - "--port"\n') ;
  });
});
