import type { ConversationDetail, ServerFrame, TagSummary } from '@frontdesk/api-types';
import { useEffect, useRef, useState } from 'react';
import { api, messageOf } from '../api/client.ts';
import { useRealtime } from '../realtime/realtime-provider.tsx';
import { useSession } from '../session/session-context.tsx';
import { useShortcut } from '../shortcuts/shortcuts.tsx';
import { EmptyState, ErrorAlert, Loading } from '../ui/alerts.tsx';
import { Composer, type ComposerMode } from './composer/composer.tsx';
import './conversation.css';
import { messagePartTypes } from './detail-merge.ts';
import type { AssignRequest } from './header/assign-menu.tsx';
import { scopeLookups } from './lookups.ts';
import { ConversationHeader, type HeaderMenu } from './header/conversation-header.tsx';
import type { PendingSend } from './pending-send.ts';
import type { AttributeValue } from './sidebar/editable-row.tsx';
import { DetailsSidebar } from './sidebar/details-sidebar.tsx';
import { plainText } from './transcript/safe-html.tsx';
import { Transcript } from './transcript/transcript.tsx';
import { useConversation } from './use-conversation.ts';
import { usePresence } from './use-presence.ts';

/** One conversation: header actions, the live transcript, the composer and the details column. */
export function ConversationPane(props: { conversationId: string; onClose(): void }) {
  // A new conversation starts from a clean slate (menus, pending sends, presence).
  return <ConversationView key={props.conversationId} conversationId={props.conversationId} onClose={props.onClose} />;
}

let pendingCounter = 0;

function ConversationView({ conversationId, onClose }: { conversationId: string; onClose(): void }) {
  const session = useSession();
  scopeLookups(session.workspace.id_code);
  const myId = session.teammate.id;
  const canReply = session.permissions.reply;
  const realtime = useRealtime();
  const conversation = useConversation(conversationId);
  const { detail } = conversation;
  const presence = usePresence(conversationId, myId, realtime.send, realtime.status === 'open', detail?.conversation.contact?.name ?? null);
  const [mode, setMode] = useState<ComposerMode>('reply');
  const [focusRequest, setFocusRequest] = useState(0);
  const [openMenu, setOpenMenu] = useState<HeaderMenu | null>(null);
  const [pending, setPending] = useState<PendingSend[]>([]);
  const [sentPartIds, setSentPartIds] = useState<ReadonlySet<string>>(new Set());
  const [detailsShown, setDetailsShown] = useState(false);
  const base = `/inbox/conversations/${encodeURIComponent(conversationId)}`;

  const loaded = detail !== undefined;
  const latest = useRef({ detail, receive: conversation.receive, presence });
  latest.current = { detail, receive: conversation.receive, presence };

  // Follow the conversation from the number the first answer was read at; the socket layer resumes it.
  const { subscribeConversation } = realtime;
  useEffect(() => {
    if (!loaded) return;
    const after = latest.current.detail?.seq ?? 0;
    return subscribeConversation(conversationId, after, (frame: ServerFrame) => {
      const current = latest.current;
      if (frame.type === 'typing' || frame.type === 'viewing') return current.presence.receive(frame);
      if (frame.type === 'event' && frame.part && messagePartTypes.has(frame.part.part_type)) {
        current.presence.spoke(frame.part.author.type, frame.part.author.id);
      }
      current.receive(frame);
    });
  }, [loaded, conversationId, subscribeConversation]);

  // Reading the conversation marks it read, again whenever the customer writes while it is on screen.
  const customerMessages = detail?.parts.filter((part) => part.author.type === 'user' || part.author.type === 'lead').length ?? 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new customer message is the trigger.
  useEffect(() => {
    if (!loaded || document.visibilityState !== 'visible') return;
    api.post(`${base}/read`).catch(() => {});
  }, [loaded, customerMessages, base]);

  function focusComposer(next: ComposerMode) {
    setMode(next);
    setFocusRequest((n) => n + 1);
  }

  const state = detail?.conversation.state;
  const actionable = loaded && canReply;
  useShortcut('r', 'Reply to the customer', () => focusComposer('reply'), actionable);
  useShortcut('n', 'Write a note', () => focusComposer('note'), actionable);
  useShortcut('a', 'Assign the conversation to me', () => void conversation.act('post', '/assign', { admin_id: myId }), actionable);
  useShortcut('c', 'Close the conversation', () => void conversation.act('post', '/close'), actionable && state !== 'closed');
  useShortcut('shift+c', 'Reopen the conversation', () => void conversation.act('post', '/open'), actionable && state !== 'open');
  useShortcut('s', 'Snooze…', () => setOpenMenu('snooze'), actionable && state !== 'closed');
  useShortcut('m', 'Apply a macro…', () => setOpenMenu('macro'), actionable);
  useShortcut('t', 'Tag the conversation…', () => setOpenMenu('tags'), actionable);

  async function deliver(item: PendingSend) {
    const before = new Set(latest.current.detail?.parts.map((part) => part.id));
    try {
      const next = await api.post<ConversationDetail>(`${base}/reply`, {
        body: item.body,
        note: item.note,
        ...(item.attachments.length ? { attachment_ids: item.attachments.map((a) => a.id) } : {}),
      });
      conversation.accept(next);
      const mine = next.parts.filter((part) => !before.has(part.id) && part.part_type === 'comment' && part.author.type === 'admin' && part.author.id === myId);
      if (mine.length) setSentPartIds((current) => new Set([...current, ...mine.map((part) => part.id)]));
      setPending((current) => current.filter((p) => p.key !== item.key));
    } catch (failure) {
      setPending((current) => current.map((p) => (p.key === item.key ? { ...p, status: 'failed', error: messageOf(failure) } : p)));
    }
  }

  function send(message: Pick<PendingSend, 'body' | 'note' | 'attachments'>) {
    const item: PendingSend = { ...message, key: `pending-${++pendingCounter}`, status: 'sending', created_at: Math.floor(Date.now() / 1000) };
    setPending((current) => [...current, item]);
    void deliver(item);
  }

  function retry(key: string) {
    const item = pending.find((p) => p.key === key);
    if (!item) return;
    const again: PendingSend = { ...item, status: 'sending', error: undefined };
    setPending((current) => current.map((p) => (p.key === key ? again : p)));
    void deliver(again);
  }

  if (!detail) {
    if (conversation.loadError) {
      return (
        <section className="conversation-pane conversation-pane-message" aria-label="Conversation">
          <EmptyState title="This conversation could not be opened">{conversation.loadError}</EmptyState>
          <div className="button-row centered-row">
            <button type="button" className="button button-primary button-small" onClick={conversation.reload}>
              Try again
            </button>
            <button type="button" className="button button-secondary button-small" onClick={onClose}>
              Back to the list
            </button>
          </div>
        </section>
      );
    }
    return (
      <section className="conversation-pane conversation-pane-message" aria-label="Conversation" aria-busy="true">
        <Loading label="Loading the conversation…" />
      </section>
    );
  }

  // The live frame often beats the HTTP answer: a message already in the transcript is not shown twice.
  const shownPending = pending.filter(
    (item) =>
      item.status === 'failed' ||
      !detail.parts.some(
        (part) =>
          part.author.type === 'admin' &&
          part.author.id === myId &&
          part.part_type === (item.note ? 'note' : 'comment') &&
          part.created_at >= item.created_at - 1 &&
          plainText(part.body) === plainText(item.body),
      ),
  );

  const saveAttributes = (attributes: Record<string, AttributeValue>) => conversation.act('put', '/attributes', { custom_attributes: attributes }, { quiet: true });

  return (
    <section className="conversation-pane" aria-label={`Conversation with ${detail.conversation.contact?.name ?? 'the customer'}`}>
      <div className={`conversation-layout${detailsShown ? ' details-open' : ''}`}>
      <div className="conversation-main">
        <ConversationHeader
          conversation={detail.conversation}
          myId={myId}
          canAct={canReply}
          teammates={presence.presence.teammates}
          openMenu={openMenu === 'macro' ? null : openMenu}
          onOpenMenu={setOpenMenu}
          onAssign={(request: AssignRequest) => void conversation.act('post', '/assign', request)}
          onSnooze={(until) => void conversation.act('post', '/snooze', { until })}
          onCloseConversation={() => void conversation.act('post', '/close')}
          onReopen={() => void conversation.act('post', '/open')}
          onPriority={(priority) => void conversation.act('post', '/priority', { priority })}
          onAddTag={async (tag) => (await conversation.act('post', '/tags', tag)) === undefined}
          onRemoveTag={(tag: TagSummary) => void conversation.act('delete', `/tags/${encodeURIComponent(tag.id)}`)}
          onBack={onClose}
          detailsShown={detailsShown}
          onToggleDetails={() => setDetailsShown((shown) => !shown)}
          busy={conversation.busy}
        />
        {conversation.actionError ? (
          <div className="conversation-banner">
            <ErrorAlert message={conversation.actionError} />
            <button type="button" className="link-button small" onClick={conversation.dismissActionError}>
              Dismiss
            </button>
          </div>
        ) : null}
        <Transcript
          detail={detail}
          pending={shownPending}
          sentPartIds={sentPartIds}
          visitorTyping={presence.presence.visitorTyping}
          onRetry={retry}
          onDiscard={(key) => setPending((current) => current.filter((p) => p.key !== key))}
        />
        <Composer
          conversationId={conversationId}
          contactName={detail.conversation.contact?.name ?? null}
          mode={mode}
          onModeChange={setMode}
          focusRequest={focusRequest}
          canReply={canReply}
          macroOpen={openMenu === 'macro'}
          onMacroOpenChange={(open) => setOpenMenu(open ? 'macro' : null)}
          onMacroApplied={conversation.accept}
          onSend={send}
          onTyping={presence.typed}
        />
      </div>
      <DetailsSidebar detail={detail} canEdit={canReply} onSaveAttributes={saveAttributes} onHide={() => setDetailsShown(false)} />
      </div>
    </section>
  );
}
