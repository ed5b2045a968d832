import type { ContactPage, DataAttributeList, Segment, SegmentList, TagList } from '@frontdesk/api-types';
import { useMemo, useState } from 'react';
import { useApiGet } from '../api/use-api-get.ts';
import { EmptyState, ErrorAlert, Loading, SuccessNotice } from '../ui/alerts.tsx';
import { useDocumentTitle } from '../ui/document-title.ts';
import { ContactFilters } from './contact-filters.tsx';
import { ContactsTable } from './contacts-table.tsx';
import { contactsPath, emptyFilters, type FilterState, hasFilters, toContactFilters } from './filter-state.ts';
import { Pager } from './pager.tsx';
import { SaveSegmentForm } from './save-segment-form.tsx';
import { useDebounced } from './use-debounced.ts';
import './people.css';

const perPage = 25;
/** Standard attributes that have a filter of their own, or nothing to compare. */
const notConditions = new Set(['id', 'role', 'avatar', 'owner_id']);

export function ContactsPage() {
  useDocumentTitle('Contacts');
  const [state, setState] = useState<FilterState>(emptyFilters);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<Segment>();
  const tags = useApiGet<TagList>('/tags');
  const segments = useApiGet<SegmentList>('/segments');
  const attributeList = useApiGet<DataAttributeList>('/data-attributes?model=contact');

  const attributes = useMemo(
    () => (attributeList.data?.data_attributes ?? []).filter((attribute) => attribute.custom || !notConditions.has(attribute.full_name)),
    [attributeList.data],
  );
  const byField = useMemo(() => new Map(attributes.map((attribute) => [attribute.full_name, attribute])), [attributes]);
  const text = useDebounced(state.text);
  const filters = useMemo(() => toContactFilters({ ...state, text }, byField), [state, text, byField]);
  const filterKey = JSON.stringify(filters);
  const [pagedFor, setPagedFor] = useState(filterKey);
  // New filters start again from the first page.
  const cursor = pagedFor === filterKey ? (cursors.at(-1) ?? null) : null;
  const list = useApiGet<ContactPage>(contactsPath(filters, cursor, perPage));

  function changeFilters(next: FilterState) {
    setState(next);
    setSaved(undefined);
  }
  function turnPage(next: (string | null)[]) {
    setPagedFor(filterKey);
    setCursors(next);
  }
  const pageIndex = pagedFor === filterKey ? cursors.length - 1 : 0;
  const page = list.data;
  const first = pageIndex * perPage + 1;
  const summary = page ? (page.total === 0 ? 'No contacts' : `${first}–${first + page.contacts.length - 1} of ${page.total} contacts`) : '';
  const canSave = hasFilters(filters) && !filters.segment_id;

  return (
    <>
      <header className="page-header people-page-header-row">
        <div>
          <h1>Contacts</h1>
          <p className="muted">Users and leads of your workspace. Filter them, then save the filters as a segment to come back to.</p>
        </div>
        <button
          type="button"
          className="button button-primary"
          disabled={!canSave}
          aria-describedby="save-segment-hint"
          onClick={() => {
            setSaving(true);
            setSaved(undefined);
          }}
        >
          Save as segment
        </button>
      </header>
      <p id="save-segment-hint" className="visually-hidden">
        {canSave ? 'Saves the current filters.' : filters.segment_id ? 'Clear the segment filter to save new filters.' : 'Add a filter first.'}
      </p>
      <ErrorAlert message={tags.error ?? segments.error ?? attributeList.error} />
      <ContactFilters state={state} onChange={changeFilters} tags={tags.data?.tags ?? []} segments={segments.data?.segments ?? []} attributes={attributes} />
      {saving ? (
        <SaveSegmentForm
          filters={filters}
          onCancel={() => setSaving(false)}
          onSaved={(segment) => {
            setSaving(false);
            setSaved(segment);
            segments.setData((current) => ({ segments: [...current.segments, segment] }));
            // The segment holds exactly these filters: show it instead of them.
            setState({ ...emptyFilters, segmentId: segment.id });
          }}
        />
      ) : null}
      {saved ? (
        <SuccessNotice>
          Saved the segment “{saved.name}”{saved.count === undefined ? '' : ` (${saved.count} ${saved.count === 1 ? 'contact' : 'contacts'})`}.
        </SuccessNotice>
      ) : null}
      <section className="panel" aria-labelledby="contacts-list-title" aria-busy={list.loading}>
        <div className="panel-header">
          <h2 id="contacts-list-title">{filters.segment_id ? (segments.data?.segments.find((s) => s.id === filters.segment_id)?.name ?? 'Segment') : 'All contacts'}</h2>
          {list.loading && page ? <span className="muted small" role="status">Updating…</span> : null}
        </div>
        <div className="panel-body">
          {list.error ? (
            <div className="stack">
              <ErrorAlert message={list.error} />
              <div>
                <button type="button" className="button button-secondary" onClick={list.reload}>
                  Try again
                </button>
              </div>
            </div>
          ) : !page ? (
            <Loading label="Loading contacts…" />
          ) : page.contacts.length === 0 ? (
            hasFilters(filters) ? (
              <EmptyState title="No contacts match these filters">Change or clear the filters to see more.</EmptyState>
            ) : (
              <EmptyState title="No contacts yet">People appear here when they write in the Messenger or your systems add them through the API.</EmptyState>
            )
          ) : (
            <>
              <ContactsTable contacts={page.contacts} caption="Contacts" />
              <Pager
                label="Contacts pages"
                summary={summary}
                busy={list.loading}
                hasPrevious={pageIndex > 0}
                hasNext={page.next !== null}
                onPrevious={() => turnPage(cursors.slice(0, -1))}
                onNext={() => turnPage([...(pagedFor === filterKey ? cursors : [null]), page.next])}
              />
            </>
          )}
        </div>
      </section>
    </>
  );
}
