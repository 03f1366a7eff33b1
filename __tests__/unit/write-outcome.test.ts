import { gitHubStatus } from '../../src/github/secrets-api.ts';
import { certainlyNotWritten } from '../../src/secret/github-delivery.ts';

const STARTED = Date.parse('2026-11-26T12:00:00.400Z');

describe('certainlyNotWritten', () => {
  test.each<[string, Parameters<typeof certainlyNotWritten>[0], boolean]>([
    ['GitHub refused it (422)', { before: '2026-11-26T12:00:00Z', after: '2026-11-26T12:00:00Z', startedAt: STARTED, status: 422 }, true],
    ['GitHub refused it (403), whatever updated_at says', { before: null, after: undefined, startedAt: STARTED, status: 403 }, true],
    ['throttled (429): GitHub may still have applied an earlier try', { before: '2026-11-26T11:00:00Z', after: '2026-11-26T11:05:00Z', startedAt: STARTED, status: 429 }, false],
    ['a 500, and the secret changed', { before: '2026-11-26T11:00:00Z', after: '2026-11-26T12:00:01Z', startedAt: STARTED, status: 500 }, false],
    ['a 500, unchanged, and the previous write long before', { before: '2026-11-26T11:00:00Z', after: '2026-11-26T11:00:00Z', startedAt: STARTED, status: 500 }, true],
    ['a 500, unchanged, but the previous write within the same second', { before: '2026-11-26T12:00:00Z', after: '2026-11-26T12:00:00Z', startedAt: STARTED, status: 500 }, false],
    ['no answer, unchanged, but the previous write 30 s before (clocks may differ)', { before: '2026-11-26T11:59:30Z', after: '2026-11-26T11:59:30Z', startedAt: STARTED, status: undefined }, false],
    ['no answer, and it still does not exist', { before: null, after: null, startedAt: STARTED, status: undefined }, true],
    ['no answer, and it cannot be read back', { before: '2026-11-26T11:00:00Z', after: undefined, startedAt: STARTED, status: undefined }, false],
  ])('%s → %s', (_name, write, expected) => {
    expect(certainlyNotWritten(write)).toBe(expected);
  });
});

describe('gitHubStatus', () => {
  test('reads the status from the error or its causes', () => {
    expect(gitHubStatus(new Error('wrapped', { cause: Object.assign(new Error('octokit'), { status: 502 }) }))).toBe(502);
    expect(gitHubStatus(new Error('no status'))).toBeUndefined();
  });
});
