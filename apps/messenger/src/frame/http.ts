/** An error answered by the visitor API (Intercom's envelope), or `status` 0 when the network failed. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The visitor API on the frame's own origin: no CORS, and the visitor token never leaves the frame. */
export class VisitorApi {
  token: string | null = null;

  async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const send: Record<string, string> = { accept: 'application/json', ...headers };
    if (this.token) send.authorization = `Bearer ${this.token}`;
    let payload: BodyInit | undefined;
    if (body instanceof Blob) payload = body;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      send['content-type'] = 'application/json';
    }
    let response: Response;
    try {
      response = await fetch(`/messenger-api${path}`, { method, headers: send, body: payload, credentials: 'omit' });
    } catch {
      throw new ApiError(0, 'network', 'offline');
    }
    const text = await response.text();
    let data: any;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      data = undefined;
    }
    if (!response.ok) {
      const error = data?.errors?.[0];
      throw new ApiError(response.status, error?.code ?? 'error', error?.message ?? `The request failed (${response.status})`);
    }
    return data as T;
  }
}
