import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTRACT_VERSION, contractMajor } from './contract';

const here = dirname(fileURLToPath(import.meta.url));
const fingerprints = JSON.parse(readFileSync(join(here, 'contract.fingerprints.json'), 'utf8')) as Record<string, string>;

/**
 * The contract-version guard: the RPC types between gateway and workers may not change
 * without a new CONTRACT_VERSION. Comments and layout do not count; any change to the types
 * does. To change the contract: bump the version (major when an old gateway or worker could
 * misread the other), then record the fingerprint this test prints.
 */
function fingerprint(): string {
  const source = readFileSync(join(here, 'contract.ts'), 'utf8')
    .replace(/export const CONTRACT_VERSION = '[^']*';/, '')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
  return createHash('sha256').update(source).digest('hex').slice(0, 16);
}

describe('RPC contract version guard', () => {
  it('records a fingerprint for the current contract version', () => {
    const recorded = fingerprints[CONTRACT_VERSION];
    const actual = fingerprint();
    if (recorded !== actual) {
      throw new Error(
        `contract.ts changed (fingerprint ${actual}) but CONTRACT_VERSION ${CONTRACT_VERSION} records ${recorded ?? 'nothing'}: ` +
          `bump CONTRACT_VERSION and add "<new version>": "${actual}" to contract.fingerprints.json`,
      );
    }
  });

  it('never reuses a fingerprint across versions', () => {
    const values = Object.values(fingerprints);
    expect(new Set(values).size).toBe(values.length);
  });

  it('parses majors', () => {
    expect(contractMajor('2.0.1')).toBe(2);
    expect(Number.isNaN(contractMajor('x'))).toBe(true);
  });
});
