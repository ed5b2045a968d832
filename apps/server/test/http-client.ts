/**
 * A browser-like HTTP client for tests: keeps cookies, echoes the CSRF cookie on writes, and can
 * send a bearer token instead. Talks to the real server over HTTP.
 */
export interface Response<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class HttpClient {
  private readonly cookies = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    private readonly token?: string,
  ) {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response<T>> {
    const send: Record<string, string> = { ...headers };
    if (this.token) send.authorization = `Bearer ${this.token}`;
    if (this.cookies.size) send.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (method !== 'GET' && this.cookies.has('fd_csrf') && !('x-csrf-token' in send)) send['x-csrf-token'] = this.cookies.get('fd_csrf') ?? '';
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      send['content-type'] ??= 'application/json';
    }
    const response = await fetch(new URL(path, this.baseUrl), { method, headers: send, body: payload, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const [name = '', ...value] = pair.split('=');
      const expired = attributes.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a.trim()));
      if (expired || value.join('=') === '') this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join('='));
    }
    const text = await response.text();
    const isJson = response.headers.get('content-type')?.includes('json');
    return { status: response.status, body: (isJson && text ? JSON.parse(text) : text) as T, headers: response.headers };
  }

  get<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, undefined, headers);
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body, headers);
  }
  put<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('PUT', path, body, headers);
  }
  delete<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('DELETE', path, body, headers);
  }
}

/** A new browser that has loaded the app once (so it holds a CSRF cookie). */
export async function browser(baseUrl: string): Promise<HttpClient> {
  const client = new HttpClient(baseUrl);
  await client.get('/app-api/session');
  return client;
}

let counter = 0;
export const uniqueEmail = (label = 'teammate') => `${label}-${Date.now().toString(36)}-${++counter}@example.test`;
export const goodPassword = 'correct horse battery staple';

/** Signs up a new workspace owner in a fresh browser. */
export async function signUp(baseUrl: string, overrides: Partial<{ name: string; email: string; password: string; workspace_name: string }> = {}) {
  const client = await browser(baseUrl);
  const email = overrides.email ?? uniqueEmail('owner');
  const response = await client.post('/app-api/signup', { name: 'Olivia Owner', email, password: goodPassword, workspace_name: 'Acme Support', ...overrides });
  if (response.status !== 201) throw new Error(`signup failed: ${response.status} ${JSON.stringify(response.body)}`);
  return { client, email, session: response.body };
}
