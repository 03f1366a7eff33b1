import { jsonOrText, send, USER_AGENT } from '../http/https.ts';

/**
 * One call of GitHub's REST API over the action's own transport. The action makes four kinds of call
 * (public key, secret metadata, secret write, repository ID); @actions/github would bring Octokit and
 * undici for them, and undici compiles its WebAssembly HTTP parser as it loads (`npm run bench`).
 */
export interface GitHubCall {
  readonly apiUrl: string;
  readonly token: string;
  readonly method: 'GET' | 'PUT';
  /** Below the API root, already percent-encoded. */
  readonly path: string;
  readonly body?: Readonly<Record<string, unknown>>;
}

/** An answer other than 2xx, shaped like Octokit's RequestError: status, and the response's lower-case headers and data. */
export class GitHubRequestError extends Error {
  readonly status: number;
  readonly response: { readonly status: number; readonly headers: Record<string, string>; readonly data: unknown };
  constructor(status: number, headers: Record<string, string>, data: unknown) {
    super((data as { message?: unknown } | undefined)?.message?.toString() ?? `HTTP ${status}`);
    this.name = 'HttpError';
    this.status = status;
    this.response = { status, headers, data };
  }
}

/**
 * "You should assume that any request may result in a redirect": 301 permanent, 302 and 307 temporary,
 * others per the HTTP specification (docs.github.com/rest/using-the-rest-api/best-practices-for-using-
 * the-rest-api#follow-redirects), e.g. for a renamed or transferred repository; Octokit's fetch followed
 * them. Followed with the same method and body, and only within the API's own origin, so that the
 * token never goes anywhere else.
 */
const REDIRECTS = new Set([301, 302, 307, 308]);
const MAX_REDIRECTS = 3;

export async function gitHubRequest<T>(call: GitHubCall): Promise<{ status: number; data: T }> {
  const origin = new URL(call.apiUrl).origin;
  let url = `${call.apiUrl.replace(/\/+$/, '')}${call.path}`;
  for (let hops = 0; ; hops++) {
    const reply = await sendOnce(call, url);
    const location = reply.headers.get('location');
    if (REDIRECTS.has(reply.status) && location && hops < MAX_REDIRECTS) {
      const next = new URL(location, url);
      if (next.origin === origin) {
        url = next.href;
        continue;
      }
    }
    const data = jsonOrText(reply.text);
    if (reply.status < 200 || reply.status > 299) throw new GitHubRequestError(reply.status, Object.fromEntries(reply.headers.entries()), data);
    return { status: reply.status, data: data as T };
  }
}

function sendOnce(call: GitHubCall, url: string) {
  return send({
    method: call.method,
    url,
    headers: {
      // docs.github.com/rest/authentication/authenticating-to-the-rest-api: "Bearer" for every kind of token.
      authorization: `Bearer ${call.token}`,
      accept: 'application/vnd.github+json',
      // docs.github.com/rest/about-the-rest-api/api-versions
      'x-github-api-version': '2022-11-28',
      // GitHub refuses a request without one (docs.github.com/rest/using-the-rest-api/getting-started-with-the-rest-api#user-agent).
      'user-agent': USER_AGENT,
      ...(call.body ? { 'content-type': 'application/json' } : {}),
    },
    body: call.body ? JSON.stringify(call.body) : undefined,
  });
}
