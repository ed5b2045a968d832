import type { LivePart } from '@frontdesk/api-types';
import { absoluteUrl } from './safe-html.tsx';

/** Only plain raster images are previewed; the server also serves them only when their bytes match. */
const previewable = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

function sizeText(bytes: number | null): string {
  if (bytes === null) return '';
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

export function Attachments({ attachments }: { attachments: LivePart['attachments'] }) {
  const shown = attachments.flatMap((attachment) => {
    const url = absoluteUrl(attachment.url, ['http:', 'https:']);
    return url ? [{ ...attachment, url }] : [];
  });
  if (shown.length === 0) return null;
  return (
    <ul className="message-attachments" aria-label="Attachments">
      {shown.map((attachment) => {
        const name = attachment.name ?? 'Attachment';
        const image = previewable.has((attachment.content_type ?? '').toLowerCase());
        return (
          <li key={attachment.url}>
            {image ? (
              <a href={attachment.url} target="_blank" rel="noopener noreferrer" className="attachment-preview">
                <img src={attachment.url} alt={name} loading="lazy" referrerPolicy="no-referrer" />
              </a>
            ) : null}
            <a href={attachment.url} target="_blank" rel="noopener noreferrer" download={name} className="attachment-link">
              <span aria-hidden="true">📎 </span>
              {name}
              {attachment.filesize !== null ? <span className="muted small"> · {sizeText(attachment.filesize)}</span> : null}
            </a>
          </li>
        );
      })}
    </ul>
  );
}
