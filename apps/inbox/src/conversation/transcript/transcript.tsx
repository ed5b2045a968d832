import type { ConversationDetail, TranscriptPart } from '@frontdesk/api-types';
import { useLayoutEffect, useRef } from 'react';
import { messagePartTypes } from '../detail-merge.ts';
import type { PendingSend } from '../pending-send.ts';
import { HistoryPart } from './history-part.tsx';
import { MessagePart } from './message-part.tsx';
import { SafeHtml } from './safe-html.tsx';

interface TranscriptProps {
  detail: ConversationDetail;
  pending: PendingSend[];
  /** Replies this teammate sent from this view: they show "Sent" until seen. */
  sentPartIds: ReadonlySet<string>;
  visitorTyping: string | null;
  onRetry: (key: string) => void;
  onDiscard: (key: string) => void;
}

/** How close to the bottom counts as "reading the latest": new parts then scroll into view. */
const pinnedSlackPx = 80;

/** The team's newest reply to the customer (not a note): where "Sent" and "Seen" show. */
function lastTeamReply(parts: TranscriptPart[]): TranscriptPart | undefined {
  for (let index = parts.length - 1; index >= 0; index--) {
    const part = parts[index];
    if (part && part.part_type === 'comment' && part.author.type === 'admin') return part;
  }
  return undefined;
}

export function Transcript({ detail, pending, sentPartIds, visitorTyping, onRetry, onDiscard }: TranscriptProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const { parts, contact_seen_at: seenAt } = detail;
  const lastReply = lastTeamReply(parts);

  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when the content grows.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && pinned.current) element.scrollTop = element.scrollHeight;
  }, [parts.length, pending.length, visitorTyping]);

  function onScroll() {
    const element = scroller.current;
    if (element) pinned.current = element.scrollHeight - element.scrollTop - element.clientHeight < pinnedSlackPx;
  }

  function statusOf(part: TranscriptPart) {
    if (part !== lastReply) return undefined;
    if (seenAt !== null && seenAt >= part.created_at) return <span className="delivery delivery-seen">Seen</span>;
    if (sentPartIds.has(part.id)) return <span className="delivery">Sent</span>;
    return undefined;
  }

  return (
    <div className="transcript" ref={scroller} onScroll={onScroll}>
      {parts.length === 0 && pending.length === 0 ? <p className="transcript-empty muted">No messages yet.</p> : null}
      <ol className="transcript-parts" role="log" aria-label="Conversation transcript" aria-live="polite">
        {parts.map((part) =>
          messagePartTypes.has(part.part_type) ? <MessagePart key={part.id} part={part} status={statusOf(part)} /> : <HistoryPart key={part.id} part={part} />,
        )}
        {pending.map((item) => (
          <li key={item.key} className={`message message-team message-pending${item.note ? ' message-note' : ''}`}>
            <div className="message-content">
              <div className="message-bubble">
                <SafeHtml html={item.body} className="message-body" />
                {item.attachments.length ? <p className="muted small">Attachments: {item.attachments.map((a) => a.name).join(', ')}</p> : null}
              </div>
              <div className="message-status">
                {item.status === 'sending' ? (
                  <span className="delivery">Sending…</span>
                ) : (
                  <span className="delivery delivery-failed" role="alert">
                    Not sent{item.error ? `: ${item.error}` : ''}{' '}
                    <button type="button" className="link-button" onClick={() => onRetry(item.key)}>
                      Retry
                    </button>{' '}
                    <button type="button" className="link-button" onClick={() => onDiscard(item.key)}>
                      Discard
                    </button>
                  </span>
                )}
              </div>
            </div>
          </li>
        ))}
      </ol>
      {visitorTyping ? (
        <p className="typing-indicator" role="status">
          <span className="typing-dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          {visitorTyping} is typing…
        </p>
      ) : null}
    </div>
  );
}
