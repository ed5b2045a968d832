import type { CompanyPage, TagList } from '@frontdesk/api-types';
import { useId, useState } from 'react';
import { useApiGet } from '../api/use-api-get.ts';
import { Pager } from '../contacts/pager.tsx';
import { useDebounced } from '../contacts/use-debounced.ts';
import { EmptyState, ErrorAlert, Loading } from '../ui/alerts.tsx';
import { useDocumentTitle } from '../ui/document-title.ts';
import { CompaniesTable } from './companies-table.tsx';
import '../contacts/people.css';

const perPage = 25;

/** `/companies`: the workspace's companies, filtered by name or tag, newest first. */
export function CompaniesPage() {
  useDocumentTitle('Companies');
  const id = useId();
  const [text, setText] = useState('');
  const [tagId, setTagId] = useState('');
  const [page, setPage] = useState(1);
  const settledText = useDebounced(text);
  const tags = useApiGet<TagList>('/tags');
  const params = new URLSearchParams({ page: String(page), per_page: String(perPage) });
  if (settledText.trim()) params.set('text', settledText.trim());
  if (tagId) params.set('tag_id', tagId);
  const list = useApiGet<CompanyPage>(`/companies?${params}`);
  const data = list.data;
  const filtered = Boolean(settledText.trim() || tagId);
  const first = (page - 1) * perPage + 1;

  return (
    <>
      <header className="page-header">
        <h1>Companies</h1>
        <p className="muted">The businesses your users belong to, as your product reports them through the Messenger or the API.</p>
      </header>
      <section className="people-filter-bar" aria-label="Filters">
        <div className="people-filter-grid people-filter-grid-two">
          <div className="field">
            <label htmlFor={`${id}-text`}>Company name</label>
            <input
              id={`${id}-text`}
              type="search"
              autoComplete="off"
              placeholder="Contains…"
              value={text}
              onChange={(event) => {
                setText(event.target.value);
                setPage(1);
              }}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-tag`}>Tag</label>
            <select
              id={`${id}-tag`}
              value={tagId}
              onChange={(event) => {
                setTagId(event.target.value);
                setPage(1);
              }}
            >
              <option value="">Any tag</option>
              {(tags.data?.tags ?? []).map((tag) => (
                <option key={tag.id} value={tag.id}>
                  {tag.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p className="muted small">Segments select people, so they filter the Contacts page rather than companies.</p>
      </section>
      <ErrorAlert message={tags.error} />
      <section className="panel" aria-labelledby="companies-title" aria-busy={list.loading}>
        <div className="panel-header">
          <h2 id="companies-title">All companies</h2>
          {list.loading && data ? <span className="muted small" role="status">Updating…</span> : null}
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
          ) : !data ? (
            <Loading label="Loading companies…" />
          ) : data.companies.length === 0 ? (
            filtered ? (
              <EmptyState title="No companies match these filters">Change or clear the filters to see more.</EmptyState>
            ) : (
              <EmptyState title="No companies yet">Companies appear when your product sends them with a user (Messenger boot or the companies API).</EmptyState>
            )
          ) : (
            <>
              <CompaniesTable companies={data.companies} />
              <Pager
                label="Companies pages"
                summary={`${first}–${first + data.companies.length - 1} of ${data.total} companies`}
                busy={list.loading}
                hasPrevious={page > 1}
                hasNext={data.next_page !== null}
                onPrevious={() => setPage(page - 1)}
                onNext={() => setPage(data.next_page ?? page)}
              />
            </>
          )}
        </div>
      </section>
    </>
  );
}
