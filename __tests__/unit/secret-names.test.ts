import { secretNameProblem } from '../../src/settings/delivery.ts';

describe('secretNameProblem', () => {
  test.each(['INTREXX_CLIENT_ID', 'A', '_PRIVATE', 'portal_1_CLIENT_SECRET', 'MY_GITHUB_TOKEN'])('accepts %s', (name) => {
    expect(secretNameProblem(name)).toBeUndefined();
  });

  test.each<[string, string]>([
    ['GITHUB_CLIENT_ID', 'must not start with GITHUB_'],
    ['github_client_id', 'must not start with GITHUB_'],
    ['1XCLIENT_ID', 'must not start with a digit'],
    ['A-BCLIENT_ID', 'may contain only letters, digits and underscores'],
    ['A BCLIENT_ID', 'may contain only letters, digits and underscores'],
    ['PORTÄL_CLIENT_ID', 'may contain only letters, digits and underscores'],
    ['', 'may contain only letters, digits and underscores'],
  ])('rejects %j: %s', (name, problem) => {
    expect(secretNameProblem(name)).toBe(problem);
  });
});
