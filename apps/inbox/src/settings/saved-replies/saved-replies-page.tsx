import type { SavedReply, SavedReplyList } from '@frontdesk/api-types';
import { useState } from 'react';
import { useApiGet } from '../../api/use-api-get.ts';
import { useSession } from '../../session/session-context.tsx';
import { EmptyState, ErrorAlert, Loading, SuccessNotice } from '../../ui/alerts.tsx';
import { Panel, SettingsPage } from '../settings-page.tsx';
import { SavedReplyForm } from './saved-reply-form.tsx';
import { SavedReplyTable } from './saved-reply-table.tsx';
import './saved-replies.css';

type Editing = { mode: 'new' } | { mode: 'edit'; reply: SavedReply } | undefined;

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });

export function SavedRepliesPage() {
  const session = useSession();
  const canWrite = session.permissions.reply;
  const list = useApiGet<SavedReplyList>('/saved-replies');
  const [editing, setEditing] = useState<Editing>();
  const [notice, setNotice] = useState<string>();

  function saved(reply: SavedReply) {
    list.setData((current) => ({ saved_replies: [...current.saved_replies.filter((item) => item.id !== reply.id), reply].sort(byName) }));
    setNotice(editing?.mode === 'edit' ? `Saved “${reply.name}”.` : `Created “${reply.name}”.`);
    setEditing(undefined);
  }

  function start(next: Editing) {
    setNotice(undefined);
    setEditing(next);
  }

  const replies = list.data?.saved_replies;
  return (
    <SettingsPage
      title="Saved replies"
      description="Answers your team sends often. Insert one in the composer with its shortcut; placeholders fill in the customer's and your details."
    >
      {editing ? (
        <Panel title={editing.mode === 'edit' ? `Edit “${editing.reply.name}”` : 'New saved reply'} id="saved-reply-editor-title">
          <SavedReplyForm
            key={editing.mode === 'edit' ? editing.reply.id : 'new'}
            existing={editing.mode === 'edit' ? editing.reply : undefined}
            onSaved={saved}
            onCancel={() => setEditing(undefined)}
          />
        </Panel>
      ) : null}
      <Panel
        title="Saved replies"
        id="saved-replies-title"
        actions={
          canWrite && !editing ? (
            <button type="button" className="button button-primary" onClick={() => start({ mode: 'new' })}>
              New saved reply
            </button>
          ) : null
        }
      >
        <div className="stack">
          {notice ? <SuccessNotice>{notice}</SuccessNotice> : null}
          {canWrite ? null : <p className="muted">You can use saved replies; your role doesn't allow creating or changing them.</p>}
          {list.loading && !list.data ? <Loading label="Loading saved replies…" /> : null}
          {list.error ? (
            <div className="stack">
              <ErrorAlert message={list.error} />
              <div>
                <button type="button" className="button button-secondary" onClick={list.reload}>
                  Try again
                </button>
              </div>
            </div>
          ) : null}
          {replies && replies.length === 0 ? (
            <EmptyState title="No saved replies yet">{canWrite ? 'Create one for the answers you type again and again.' : null}</EmptyState>
          ) : null}
          {replies && replies.length > 0 ? (
            <SavedReplyTable
              replies={replies}
              canWrite={canWrite}
              onEdit={(reply) => start({ mode: 'edit', reply })}
              onDeleted={(id) => {
                list.setData((current) => ({ saved_replies: current.saved_replies.filter((reply) => reply.id !== id) }));
                if (editing?.mode === 'edit' && editing.reply.id === id) setEditing(undefined);
              }}
            />
          ) : null}
        </div>
      </Panel>
    </SettingsPage>
  );
}
