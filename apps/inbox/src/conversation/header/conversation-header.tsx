import type { ConversationSummary, TagSummary } from '@frontdesk/api-types';
import type { Presence } from '../use-presence.ts';
import { shortTime } from '../times.ts';
import { AssignMenu, type AssignRequest } from './assign-menu.tsx';
import { SnoozeMenu } from './snooze-menu.tsx';
import { TagsEditor } from './tags-editor.tsx';

export type HeaderMenu = 'assign' | 'snooze' | 'tags' | 'macro';

interface HeaderProps {
  conversation: ConversationSummary;
  myId: string;
  canAct: boolean;
  teammates: Presence['teammates'];
  openMenu: HeaderMenu | null;
  onOpenMenu: (menu: HeaderMenu | null) => void;
  onAssign: (request: AssignRequest) => void;
  onSnooze: (until: number) => void;
  onCloseConversation: () => void;
  onReopen: () => void;
  onPriority: (priority: boolean) => void;
  onAddTag: (tag: { tag_id: string } | { name: string }) => Promise<boolean>;
  onRemoveTag: (tag: TagSummary) => void;
  onBack: () => void;
  detailsShown: boolean;
  onToggleDetails: () => void;
  busy: boolean;
}

export function conversationTitle(conversation: ConversationSummary): string {
  return conversation.title ?? conversation.contact?.name ?? conversation.contact?.email ?? 'Conversation';
}

function stateText(conversation: ConversationSummary): string {
  if (conversation.state === 'snoozed') return conversation.snoozed_until ? `Snoozed until ${shortTime(conversation.snoozed_until)}` : 'Snoozed';
  return conversation.state === 'closed' ? 'Closed' : 'Open';
}

/** Who else is here: "Sam is typing", "Ana and Leo are viewing". */
function collisionText(teammates: Presence['teammates']): string | null {
  if (teammates.length === 0) return null;
  const typing = teammates.filter((t) => t.activity === 'typing').map((t) => t.name);
  const viewing = teammates.filter((t) => t.activity === 'viewing').map((t) => t.name);
  const list = (names: string[]) => (names.length <= 2 ? names.join(' and ') : `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`);
  const parts: string[] = [];
  if (typing.length) parts.push(`${list(typing)} ${typing.length === 1 ? 'is' : 'are'} typing`);
  if (viewing.length) parts.push(`${list(viewing)} ${viewing.length === 1 ? 'is' : 'are'} viewing`);
  return parts.join(' · ');
}

export function ConversationHeader(props: HeaderProps) {
  const { conversation, openMenu, onOpenMenu, canAct, busy } = props;
  const menu = (name: HeaderMenu) => ({ open: openMenu === name, onOpenChange: (open: boolean) => onOpenMenu(open ? name : null) });
  const priority = conversation.priority === 'priority';
  const collision = collisionText(props.teammates);

  return (
    <header className="conversation-header">
      <div className="conversation-header-top">
        <button type="button" className="icon-button conversation-back" aria-label="Back to the list" onClick={props.onBack}>
          <span aria-hidden="true">←</span>
        </button>
        <div className="conversation-heading">
          <h2 className="conversation-title">{conversationTitle(conversation)}</h2>
          <span className={`state-badge state-${conversation.state}`}>{stateText(conversation)}</span>
        </div>
        <button type="button" className="button button-secondary button-small details-toggle" aria-expanded={props.detailsShown} onClick={props.onToggleDetails}>
          Details
        </button>
      </div>
      <p className={`collision${collision ? ' collision-active' : ''}`} role="status" aria-live="polite">
        {collision ? (
          <>
            <span className="collision-dot" aria-hidden="true" />
            {collision}
          </>
        ) : null}
      </p>
      <div className="conversation-actions" role="toolbar" aria-label="Conversation actions">
        <AssignMenu conversation={conversation} myId={props.myId} {...menu('assign')} onAssign={props.onAssign} disabled={!canAct || busy} />
        <button
          type="button"
          className={`button button-secondary button-small priority-toggle${priority ? ' priority-on' : ''}`}
          aria-pressed={priority}
          onClick={() => props.onPriority(!priority)}
          disabled={!canAct || busy}
          title={priority ? 'Remove the priority' : 'Mark as priority'}
        >
          <span aria-hidden="true">{priority ? '★ ' : '☆ '}</span>Priority
        </button>
        {conversation.state === 'closed' ? null : (
          <SnoozeMenu conversationId={conversation.id} {...menu('snooze')} onSnooze={props.onSnooze} disabled={!canAct || busy} />
        )}
        {conversation.state === 'snoozed' ? (
          <button type="button" className="button button-secondary button-small" onClick={props.onReopen} disabled={!canAct || busy}>
            Unsnooze
          </button>
        ) : null}
        {conversation.state === 'closed' ? (
          <button type="button" className="button button-secondary button-small" onClick={props.onReopen} disabled={!canAct || busy}>
            Reopen
          </button>
        ) : (
          <button type="button" className="button button-primary button-small" onClick={props.onCloseConversation} disabled={!canAct || busy}>
            Close
          </button>
        )}
      </div>
      <TagsEditor
        conversationId={conversation.id}
        tags={conversation.tags}
        {...menu('tags')}
        onAdd={props.onAddTag}
        onRemove={props.onRemoveTag}
        disabled={!canAct}
      />
    </header>
  );
}
