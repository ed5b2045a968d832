import type { ErrorList } from '@frontdesk/api-types';

/** A failed call, carrying the first message of the server's error envelope. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

let onSessionLost: () => void = () => {};

/** Called when a read answers 401: the session ended elsewhere (logout, password change). */
export function setSessionLostHandler(handler: () => void): void {
  onSessionLost = handler;
}

let onTwoFactorRequired: () => void = () => {};

/** Called when any call answers 403 `two_factor_required`: the workspace began requiring two-factor. */
export function setTwoFactorRequiredHandler(handler: () => void): void {
  onTwoFactorRequired = handler;
}

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') {
    const csrf = readCookie('fd_csrf');
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }
  let response: Response;
  try {
    response = await fetch(`/app-api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError('Could not reach Frontdesk. Check your connection and try again.', 0, 'network_error');
  }
  if (response.ok) {
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
  const error = await toApiError(response);
  if (response.status === 401 && method === 'GET') onSessionLost();
  if (response.status === 403 && error.code === 'two_factor_required') onTwoFactorRequired();
  throw error;
}

async function toApiError(response: Response): Promise<ApiError> {
  let first: ErrorList['errors'][number] | undefined;
  try {
    const envelope = (await response.json()) as Partial<ErrorList>;
    first = envelope.errors?.[0];
  } catch {
    // Not JSON (a proxy page, say): fall back to a generic message below.
  }
  let message = first?.message ?? `Something went wrong (HTTP ${response.status}). Please try again.`;
  const retryAfter = Number(response.headers.get('Retry-After'));
  if (response.status === 429 && retryAfter > 0 && !/try again/i.test(message)) {
    message = `${message} Try again in ${describeWait(retryAfter)}.`;
  }
  return new ApiError(message, response.status, first?.code ?? 'unknown', first?.field);
}

function describeWait(seconds: number): string {
  if (seconds < 90) return `${Math.ceil(seconds)} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body ?? {}),
  delete: (path: string) => request<void>('DELETE', path),
};

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong. Please try again.';
}
