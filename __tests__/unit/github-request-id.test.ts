import { gitHubError } from '../../src/github/secrets-api.ts';
import type { WritingDelivery } from '../../src/settings/settings.ts';

const delivery = { target: 'repository', repository: { owner: 'contoso', repo: 'portal' } } as unknown as WritingDelivery;

/** Shaped like @octokit/request-error's RequestError: status, and response with lower-case headers and data. */
function requestError(status: number, headers: Record<string, string>, message: string): Error {
  return Object.assign(new Error(message), { name: 'HttpError', status, response: { status, headers, data: { message, documentation_url: 'https://docs.github.com/rest' } } });
}

describe('GitHub errors carry x-github-request-id', () => {
  test.each([403, 404, 422, 500])('HTTP %d', (status) => {
    const error = gitHubError('write secret X to repository contoso/portal', delivery, 'repository contoso/portal', requestError(status, { 'x-github-request-id': 'C0DE:1234:5678:9ABC:0000' }, 'Nope'));
    expect(error.message).toBe(`Failed to write secret X to repository contoso/portal: HTTP ${status}: Nope (x-github-request-id C0DE:1234:5678:9ABC:0000)`);
  });

  test('without the header (no response at all) nothing is made up', () => {
    const error = gitHubError('read the public key of repository contoso/portal', delivery, 'repository contoso/portal', new Error('connect ECONNREFUSED'));
    expect(error.message).toBe('Failed to read the public key of repository contoso/portal: no response: connect ECONNREFUSED');
  });
});
