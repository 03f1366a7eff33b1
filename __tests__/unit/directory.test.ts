import { createDirectory, odataString } from '../../src/graph/directory.ts';
import { FakeGraph, noContent } from './graph-fakes.ts';

describe('odataString', () => {
  test.each<[string, string]>([
    ['intrexx-portal', "'intrexx-portal'"],
    ["O'Neil's portal", "'O''Neil''s%20portal'"],
    ["''", "''''''"],
    ['a/b', "'a%2Fb'"],
    ['50% & more?#', "'50%25%20%26%20more%3F%23'"],
    ['a+b=c', "'a%2Bb%3Dc'"],
    ['Zürich', "'Z%C3%BCrich'"],
    ['', "''"],
  ])('%j → %s', (value, expected) => {
    expect(odataString(value)).toBe(expected);
  });

  test.each(["it's", 'x)/y', "a''b", '&$filter=1', 'ünïcödé / ?'])('%j round-trips to a doubled-quote literal', (value) => {
    const encoded = odataString(value);
    expect(encoded).not.toMatch(/[/?#&= ]/);
    expect(decodeURIComponent(encoded)).toBe(`'${value.replaceAll("'", "''")}'`);
  });
});

describe('createDirectory', () => {
  test('composes every part into one Directory', () => {
    const directory = createDirectory({ http: new FakeGraph(() => noContent), warn: () => undefined, mask: () => undefined });
    expect(Object.keys(directory).sort()).toEqual(
      [
        'lookup',
        'getApplication',
        'getByUniqueName',
        'upsertByUniqueName',
        'updateApplication',
        'ownership',
        'addPassword',
        'removePassword',
        'removePasswords',
        'findServicePrincipal',
        'createServicePrincipal',
        'graphPermissionCatalog',
        'grantAppRole',
        'grantDelegated',
      ].sort(),
    );
  });
});
