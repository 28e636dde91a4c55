import { describe, expect, it } from 'vitest';
import { apiError, createApiClient, retryAfterMs } from '../../../src/shared/api/client.js';
import { ConflictError, DataError } from '../../../src/shared/data/errors.js';
import { CategorizedError, describeError } from '../../../src/shared/ui/error-info.js';

type Answer = { status: number; body?: unknown; headers?: Record<string, string> } | Error;

/** A fetch that answers from a script and records what it was asked; waits recorded, never slept. */
function scripted(answers: Answer[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const waits: number[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = answers.shift();
    if (!next) throw new Error('no more answers');
    if (next instanceof Error) throw next;
    const text = next.body === undefined ? '' : typeof next.body === 'string' ? next.body : JSON.stringify(next.body);
    return new Response(next.status === 204 ? null : text, {
      status: next.status,
      headers: { 'Content-Type': 'application/json', ...next.headers },
    });
  }) as unknown as typeof globalThis.fetch;
  let tokens = 0;
  const client = createApiClient({
    baseUrl: 'http://127.0.0.1:3978/',
    getToken: async () => `token-${++tokens}`,
    fetch,
    wait: async (ms) => {
      waits.push(ms);
    },
  });
  return { client, calls, waits };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('Systemkoll API client', () => {
  it('sends the bearer token and reads { value } lists', async () => {
    const { client, calls } = scripted([{ status: 200, body: { value: [{ id: 7, title: 'Min rapport' }] } }]);
    const mine = await client.myIncidents();
    expect(mine).toEqual([{ id: 7, title: 'Min rapport' }]);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('http://127.0.0.1:3978/api/v1/me/incidents');
    const headers = calls[0]!.init.headers as Record<string, string>;
    expect(headers.Authorization).toBe('Bearer token-1');
    expect(headers.Accept).toBe('application/json');
    expect(calls[0]!.init.credentials).toBe('omit');
  });

  it("maps refusals to DataError kinds, keeping the API's Swedish message", async () => {
    const cases: [number, unknown, string][] = [
      [400, { code: 'invalidReport', message: 'Skriv en rubrik.' }, 'invalid'],
      [401, { code: 'unauthorized', message: 'Logga in för att använda Systemkoll.' }, 'unauthorized'],
      [403, { code: 'origin', message: 'Anrop från den här webbadressen är inte tillåtna.' }, 'forbidden'],
      [404, { code: 'notFound', message: 'Incidenten finns inte, eller så får du inte se den.' }, 'notFound'],
      [413, { code: 'tooLarge', message: 'Begäran är för stor.' }, 'invalid'],
      [502, { code: 'threshold', message: 'För många poster.' }, 'threshold'],
      [502, { code: 'somethingElse', message: 'Okänt.' }, 'server'],
      [500, { code: 'server', message: 'Något gick fel i Systemkoll. Försök igen om en stund.' }, 'server'],
    ];
    for (const [status, body, kind] of cases) {
      const error = apiError(status, body, { method: 'GET', path: 'me/incidents' });
      expect(error, `${status}`).toBeInstanceOf(DataError);
      expect(error.kind, `${status}`).toBe(kind);
      expect(error.status).toBe(status);
      expect(error.message).toBe((body as { message: string }).message);
      expect(error.detail).toContain(`GET /api/v1/me/incidents: HTTP ${status}`);
      expect(describeError(error).category).toBe(kind);
    }
    const conflict = apiError(
      412,
      { code: 'conflict', message: 'Någon annan har ändrat incidenten sedan du läste den.' },
      { method: 'PATCH', path: 'incidents/3' },
    );
    expect(conflict).toBeInstanceOf(ConflictError);
    expect(conflict.kind).toBe('conflict');
  });

  it('words errors without a body in Swedish', async () => {
    const { client } = scripted([{ status: 500, body: '<html>Bad gateway</html>' }]);
    const error = (await failure(client.myIncidents())) as DataError;
    expect(error.kind).toBe('server');
    expect(error.message).toMatch(/Systemkolls tjänst svarade med ett fel/);
  });

  it('a network failure is a DataError of kind network', async () => {
    const { client } = scripted([new TypeError('Failed to fetch')]);
    const error = (await failure(client.incident(3))) as DataError;
    expect(error).toBeInstanceOf(DataError);
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/Det gick inte att nå Systemkolls tjänst/);
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it('retries 429/503 once, waiting as long as Retry-After says, with a fresh token', async () => {
    const { client, calls, waits } = scripted([
      { status: 429, body: { code: 'throttled' }, headers: { 'Retry-After': '2' } },
      { status: 200, body: { value: [] } },
    ]);
    expect(await client.mySystemIncidents()).toEqual([]);
    expect(calls).toHaveLength(2);
    expect(waits).toEqual([2000]);
    expect((calls[1]!.init.headers as Record<string, string>).Authorization).toBe('Bearer token-2');
  });

  it('retries at most once: a second 503 is a throttled DataError', async () => {
    const { client, calls, waits } = scripted([
      { status: 503, body: { code: 'throttled', message: 'SharePoint är hårt belastat.' } },
      { status: 503, body: { code: 'throttled', message: 'SharePoint är hårt belastat.' } },
      { status: 200, body: { value: [] } },
    ]);
    const error = (await failure(client.myIncidents())) as DataError;
    expect(error.kind).toBe('throttled');
    expect(error.status).toBe(503);
    expect(calls).toHaveLength(2);
    expect(waits).toEqual([1000]);
  });

  it('does not wait out an unreasonable Retry-After', async () => {
    const { client, calls, waits } = scripted([{ status: 429, body: { code: 'throttled' }, headers: { 'Retry-After': '3600' } }]);
    const error = (await failure(client.myIncidents())) as DataError;
    expect(error.kind).toBe('throttled');
    expect(calls).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('does not retry other failures', async () => {
    const { client, calls } = scripted([{ status: 404, body: { code: 'notFound', message: 'Finns inte.' } }]);
    expect(((await failure(client.incident(9))) as DataError).kind).toBe('notFound');
    expect(calls).toHaveLength(1);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs('soon')).toBeNull();
    const now = Date.parse('2025-01-01T10:00:00Z');
    expect(retryAfterMs('Wed, 01 Jan 2025 10:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('Wed, 01 Jan 2025 09:00:00 GMT', now)).toBe(0);
  });

  it('without its settings it fails with a configuration error and sends nothing', async () => {
    let sent = 0;
    const client = createApiClient({
      baseUrl: 'https://systemkoll.example',
      getToken: async () => 't',
      missing: ['VITE_SYSTEMKOLL_API_SCOPE'],
      fetch: (async () => {
        sent++;
        return new Response('{}');
      }) as unknown as typeof fetch,
    });
    const error = await failure(client.myIncidents());
    expect(error).toBeInstanceOf(CategorizedError);
    expect(describeError(error).category).toBe('config');
    expect((error as Error).message).toContain('VITE_SYSTEMKOLL_API_SCOPE');
    expect(sent).toBe(0);
  });
});
