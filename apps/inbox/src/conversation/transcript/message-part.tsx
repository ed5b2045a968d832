import type { TranscriptPart } from '@frontdesk/api-types';
import type { ReactNode } from 'react';
import { isoTime, longTime, shortTime } from '../times.ts';
import { Attachments } from './attachments.tsx';
import { Avatar } from './avatar.tsx';
import { authorName } from './history-text.ts';
import { SafeHtml } from './safe-html.tsx';

const fromTeam = (part: TranscriptPart) => part.author.type === 'admin' || part.author.type === 'bot' || part.author.type === 'team';

/** A message or note of the transcript: avatar, name, time, body, attachments and a status line. */
export function MessagePart({ part, status }: { part: TranscriptPart; status?: ReactNode }) {
  const note = part.part_type === 'note';
  const side = fromTeam(part) ? 'team' : 'customer';
  const name = authorName(part);
  return (
    <li className={`message message-${side}${note ? ' message-note' : ''}`} data-part-id={part.id}>
      <Avatar name={part.author.name} seed={`${part.author.type}:${part.author.id ?? ''}`} />
      <div className="message-content">
        <div className="message-meta">
          <span className="message-author">{name}</span>
          {note ? <span className="message-kind">Note</span> : null}
          <time dateTime={isoTime(part.created_at)} title={longTime(part.created_at)}>
            {shortTime(part.created_at)}
          </time>
        </div>
        <div className="message-bubble">
          {part.redacted ? <p className="muted">This message was redacted.</p> : <SafeHtml html={part.body} className="message-body" />}
          <Attachments attachments={part.attachments} />
        </div>
        {status ? <div className="message-status">{status}</div> : null}
      </div>
    </li>
  );
}
