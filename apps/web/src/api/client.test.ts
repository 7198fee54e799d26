import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError, NetworkError, withQuery } from './client.ts';

interface Sent {
  readonly url: string;
  readonly init: RequestInit;
}

function fakeServer(status: number, body: unknown) {
  const sent: Sent[] = [];
  const fetcher = (async (url: string | URL | Request, init?: RequestInit) => {
    sent.push({ url: String(url), init: init ?? {} });
    return new Response(status === 204 ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  return { sent, fetcher };
}

const header = (sent: Sent | undefined, name: string) =>
  (sent?.init.headers as Record<string, string> | undefined)?.[name];

describe('the API client', () => {
  it('drops empty filters from the query', () => {
    expect(
      withQuery('/api/meters', { state: 'installed', factoryNo: '', areaId: undefined, offset: 0 }),
    ).toBe('/api/meters?state=installed&offset=0');
    expect(withQuery('/api/meters', {})).toBe('/api/meters');
  });

  it('fetches a file made by an action with POST and the CSRF token', async () => {
    const { sent, fetcher } = fakeServer(200, { ok: true });
    const client = new ApiClient('zh-CN', fetcher);
    client.csrfToken = 'token-2';
    const { fileName } = await client.download('/api/vending/accounts/1/reprint', { format: 'pdf' }, 'POST');
    expect(fileName).toBe('download');
    expect(sent[0]?.url).toBe('/api/vending/accounts/1/reprint?format=pdf');
    expect(sent[0]?.init.method).toBe('POST');
    expect(header(sent[0], 'x-csrf-token')).toBe('token-2');
  });

  it('sends the CSRF token on changes only, and the language always', async () => {
    const { sent, fetcher } = fakeServer(200, { ok: true });
    const client = new ApiClient('en', fetcher);
    client.csrfToken = 'token-1';
    await client.get('/api/areas');
    await client.post('/api/areas', { name: 'x' });
    expect(header(sent[0], 'x-csrf-token')).toBeUndefined();
    expect(header(sent[1], 'x-csrf-token')).toBe('token-1');
    expect(header(sent[1], 'accept-language')).toBe('en');
    expect(sent[1]?.init.body).toBe('{"name":"x"}');
  });

  it('turns the server’s error into an ApiError with its code, and tells the app when the session is gone', async () => {
    const { fetcher } = fakeServer(401, { code: 'UNAUTHENTICATED', message: '请先登录', details: {} });
    const client = new ApiClient('zh-CN', fetcher);
    let signedOut = 0;
    client.onSignedOut = () => {
      signedOut += 1;
    };
    const error = await client.get('/api/auth/me').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED', status: 401, message: '请先登录' });
    expect(signedOut).toBe(1);
  });

  it('reports an answer that is not the API’s as a network failure', async () => {
    const { fetcher } = fakeServer(502, 'Bad gateway');
    await expect(new ApiClient('zh-CN', fetcher).get('/api/areas')).rejects.toBeInstanceOf(NetworkError);
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    await expect(new ApiClient('zh-CN', failing).get('/api/areas')).rejects.toBeInstanceOf(NetworkError);
  });
});
