import type { Tag, TagList } from '@frontdesk/api-types';
import { type FormEvent, useId, useState } from 'react';
import { api } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApiGet } from '../../api/use-api-get.ts';
import { useSession } from '../../session/session-context.tsx';
import { EmptyState, ErrorAlert, Loading } from '../../ui/alerts.tsx';
import { Field } from '../../ui/field.tsx';
import { Panel, SettingsPage } from '../settings-page.tsx';
import { TagRow } from './tag-row.tsx';
import '../../contacts/people.css';

const byName = (a: Tag, b: Tag) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });

/** Settings → Tags: the labels put on people, companies and conversations. */
export function TagsPage() {
  const session = useSession();
  const searchId = useId();
  const list = useApiGet<TagList>('/tags');
  const [name, setName] = useState('');
  const [search, setSearch] = useState('');
  const create = useAction(() => api.post<Tag>('/tags', { name }));
  const canManage = session.permissions.manage_settings;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const outcome = await create.run();
    if (!outcome.ok) return;
    setName('');
    const tag = outcome.value;
    list.setData((current) => ({ tags: [...current.tags.filter((item) => item.id !== tag.id), tag].sort(byName) }));
  }

  const shown = (list.data?.tags ?? []).filter((tag) => tag.name.toLowerCase().includes(search.trim().toLowerCase()));

  return (
    <SettingsPage
      title="Tags"
      description={`Tags label people, companies and conversations. ${canManage ? 'Renaming or deleting a tag changes it everywhere it is used.' : 'Renaming and deleting tags needs the “manage settings” permission.'}`}
    >
      {session.permissions.reply ? (
        <Panel title="Create a tag" id="create-tag-title">
          <form className="stack" onSubmit={submit}>
            <div className="inline-form">
              <Field label="Tag name" required autoComplete="off" maxLength={190} placeholder="e.g. VIP" value={name} onChange={(event) => setName(event.target.value)} />
              <button type="submit" className="button button-primary" disabled={create.pending}>
                {create.pending ? 'Creating…' : 'Create tag'}
              </button>
            </div>
            <ErrorAlert message={create.error} />
          </form>
        </Panel>
      ) : null}
      <Panel
        title="Tags"
        id="tags-title"
        actions={
          <div className="field people-field-compact">
            <label className="visually-hidden" htmlFor={searchId}>
              Find a tag
            </label>
            <input id={searchId} type="search" placeholder="Find a tag…" value={search} onChange={(event) => setSearch(event.target.value)} />
          </div>
        }
      >
        {list.error ? (
          <div className="stack">
            <ErrorAlert message={list.error} />
            <div>
              <button type="button" className="button button-secondary" onClick={list.reload}>
                Try again
              </button>
            </div>
          </div>
        ) : !list.data ? (
          <Loading label="Loading tags…" />
        ) : list.data.tags.length === 0 ? (
          <EmptyState title="No tags yet">Create one above, or tag a conversation or contact.</EmptyState>
        ) : shown.length === 0 ? (
          <EmptyState title={`No tag matches “${search}”`} />
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Tags and where they are used</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">People</th>
                  <th scope="col">Companies</th>
                  <th scope="col">Conversations</th>
                  <th scope="col" className="people-hide-narrow">
                    Created
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((tag) => (
                  <TagRow
                    key={tag.id}
                    tag={tag}
                    canManage={canManage}
                    onRenamed={(renamed) => list.setData((current) => ({ tags: current.tags.map((item) => (item.id === renamed.id ? renamed : item)).sort(byName) }))}
                    onDeleted={(id) => list.setData((current) => ({ tags: current.tags.filter((item) => item.id !== id) }))}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Panel>
    </SettingsPage>
  );
}
