import type { MessengerAttachment } from '@frontdesk/api-types';
import { ApiError } from '../../api/client.ts';

function csrfToken(): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === 'fd_csrf') return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/**
 * `POST /app-api/attachments`: the body is the file itself (api/client.ts speaks JSON only), its
 * type in Content-Type and its name URI-encoded in X-File-Name. Answers the stored attachment.
 */
export async function uploadAttachment(file: File): Promise<MessengerAttachment> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Content-Type': file.type || 'application/octet-stream',
    'X-File-Name': encodeURIComponent(file.name),
  };
  const csrf = csrfToken();
  if (csrf) headers['X-CSRF-Token'] = csrf;
  let response: Response;
  try {
    response = await fetch('/app-api/attachments', { method: 'POST', headers, body: file, credentials: 'same-origin' });
  } catch {
    throw new ApiError('Could not reach Frontdesk. Check your connection and try again.', 0, 'network_error');
  }
  const answer = (await response.json().catch(() => undefined)) as
    | (MessengerAttachment & { errors?: { code: string; message: string }[] })
    | undefined;
  if (!response.ok || !answer) {
    const first = answer?.errors?.[0];
    throw new ApiError(first?.message ?? `Could not upload ${file.name} (HTTP ${response.status}).`, response.status, first?.code ?? 'unknown');
  }
  return answer;
}
