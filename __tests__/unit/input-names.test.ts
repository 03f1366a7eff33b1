import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
// @ts-expect-error -- a plain ES module script without type declarations
import { inputNamesSource } from '../../scripts/input-names.mjs';
import { INPUT_NAMES } from '../../src/settings/input-names.ts';

const action = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as { inputs: Record<string, unknown> };

describe('src/settings/input-names.ts', () => {
  test("holds action.yml's inputs, in order (else run `node scripts/input-names.mjs`)", () => {
    expect(INPUT_NAMES).toEqual(Object.keys(action.inputs));
  });

  test('is exactly what scripts/input-names.mjs writes', () => {
    const written = readFileSync(new URL('../../src/settings/input-names.ts', import.meta.url), 'utf8');
    expect(written).toBe((inputNamesSource as (names: string[]) => string)(Object.keys(action.inputs)));
  });
});
