import { createIdTokenSource, MISSING_ID_TOKEN_PERMISSION_HINT } from '../../src/entra/id-token.ts';
import { ActionError } from '../../src/errors.ts';

const PERMITTED: NodeJS.ProcessEnv = {
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://pipelines.actions.githubusercontent.com/token',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token',
};

/** A getIDToken that answers from a script of outcomes and records its calls. */
function fakeGetIdToken(...outcomes: (string | Error | [unknown])[]) {
  const calls: string[] = [];
  const getIDToken = async (audience: string): Promise<string> => {
    calls.push(audience);
    const outcome = outcomes[Math.min(calls.length, outcomes.length) - 1];
    if (outcome instanceof Error) throw outcome;
    if (Array.isArray(outcome)) throw outcome[0]; // a thrown non-Error
    return outcome ?? 'token';
  };
  return { getIDToken, calls };
}

describe('createIdTokenSource', () => {
  test.each<[string, NodeJS.ProcessEnv]>([
    ['no request URL', { ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token' }],
    ['no request token', { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://pipelines.actions.githubusercontent.com/token' }],
    ['neither', {}],
    ['an empty request URL', { ...PERMITTED, ACTIONS_ID_TOKEN_REQUEST_URL: '' }],
  ])('without id-token permission (%s) fails with the permissions hint and asks nothing', async (_case, env) => {
    const fake = fakeGetIdToken('token');
    const idToken = createIdTokenSource('api://AzureADTokenExchange', fake.getIDToken, env);
    const error: unknown = await idToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).message).toContain('ACTIONS_ID_TOKEN_REQUEST_URL is not set');
    expect((error as ActionError).hint).toBe(MISSING_ID_TOKEN_PERMISSION_HINT);
    expect((error as ActionError).hint).toContain('id-token: write');
    expect(fake.calls).toEqual([]);
  });

  test('asks once for the audience and answers every later ask from memory', async () => {
    const fake = fakeGetIdToken('token-1', 'token-2');
    const idToken = createIdTokenSource('api://custom-audience', fake.getIDToken, PERMITTED);
    const answers = await Promise.all([idToken(), idToken()]);
    answers.push(await idToken());
    expect(answers).toEqual(['token-1', 'token-1', 'token-1']);
    expect(fake.calls).toEqual(['api://custom-audience']);
  });

  // @actions/core reports an answer as "Failed to get ID Token. Error Code : <status>" and a failed
  // connection with its own message (packages/core/src/oidc-utils.ts): only a refusal is about permissions.
  const answered = (status: number | string) => new Error(`Error message: Failed to get ID Token. \n \n        Error Code : ${status}\n \n        Error Message: no`);
  test.each<[string, Error | [unknown], RegExp]>([
    ['a 403 answer', answered(403), /id-token: write/],
    ['a 401 answer', answered(401), /id-token: write/],
    ['a 500 answer', answered(500), /answered HTTP 500; run the job again/],
    ['no answer (the network)', answered('undefined'), /could not reach its OIDC token service.*HTTPS_PROXY/],
    ['a thrown string', ['connect ECONNREFUSED'], /could not reach its OIDC token service/],
  ])('a failure (%s) names the audience, keeps the cause and gives the hint that fits it', async (_case, failure, hint) => {
    const fake = fakeGetIdToken(failure);
    const idToken = createIdTokenSource('api://AzureADTokenExchange', fake.getIDToken, PERMITTED);
    const error = (await idToken().catch((e: unknown) => e)) as ActionError;
    expect(error).toBeInstanceOf(ActionError);
    expect(error.message).toMatch(/^Failed to get the GitHub OIDC token for audience "api:\/\/AzureADTokenExchange": /);
    expect(error.message).not.toContain('\n');
    expect(error.hint).toMatch(hint);
    expect(error.cause).toEqual(Array.isArray(failure) ? failure[0] : failure);
  });

  test('a failure is not remembered: the next ask tries again', async () => {
    const fake = fakeGetIdToken(new Error('network'), 'token-2');
    const idToken = createIdTokenSource('api://AzureADTokenExchange', fake.getIDToken, PERMITTED);
    await expect(idToken()).rejects.toThrow('network');
    await expect(idToken()).resolves.toBe('token-2');
    await expect(idToken()).resolves.toBe('token-2');
    expect(fake.calls).toHaveLength(2);
  });
});
