import type { TranscriptPart } from '@frontdesk/api-types';
import { isoTime, longTime, shortTime } from '../times.ts';
import { historyText } from './history-text.ts';
import { SafeHtml } from './safe-html.tsx';

/** A line of the conversation's history between the messages. */
export function HistoryPart({ part }: { part: TranscriptPart }) {
  return (
    <li className="history-part" data-part-id={part.id}>
      <span className="history-text">{historyText(part)}</span>
      <time dateTime={isoTime(part.created_at)} title={longTime(part.created_at)} className="history-time">
        {shortTime(part.created_at)}
      </time>
      {part.body ? <SafeHtml html={part.body} className="history-body" /> : null}
    </li>
  );
}
