import type { CompanyContactPage, CompanyProfile } from '@frontdesk/api-types';
import { useState } from 'react';
import { useApiGet } from '../api/use-api-get.ts';
import { formatValue } from '../contacts/attribute-values.ts';
import { ContactsTable } from '../contacts/contacts-table.tsx';
import { Pager } from '../contacts/pager.tsx';
import { TagChips } from '../contacts/tag-chips.tsx';
import { Link } from '../router/router.tsx';
import { Panel } from '../settings/settings-page.tsx';
import { EmptyState, ErrorAlert, Loading } from '../ui/alerts.tsx';
import { useDocumentTitle } from '../ui/document-title.ts';
import { formatTime } from '../ui/format.ts';
import '../contacts/people.css';

/** `/companies/:id`: a company's details and the people in it. */
export function CompanyPage({ companyId }: { companyId: string }) {
  const path = `/companies/${encodeURIComponent(companyId)}`;
  const company = useApiGet<CompanyProfile>(path);
  const [page, setPage] = useState(1);
  const contacts = useApiGet<CompanyContactPage>(`${path}/contacts?page=${page}`);
  const data = company.data;
  useDocumentTitle(data?.name ?? 'Company');

  const back = (
    <Link href="/companies" className="people-back-link">
      ← Companies
    </Link>
  );
  if (company.error) {
    return (
      <>
        {back}
        <EmptyState title="This company could not be loaded">{company.error}</EmptyState>
        <div>
          <button type="button" className="button button-secondary" onClick={company.reload}>
            Try again
          </button>
        </div>
      </>
    );
  }
  if (!data) {
    return (
      <>
        {back}
        <Loading label="Loading the company…" />
      </>
    );
  }
  const facts: [string, string][] = [
    ['Company ID', data.company_id],
    ['Plan', data.plan ?? '—'],
    ['People', String(data.user_count)],
    ['Size', data.size === null ? '—' : String(data.size)],
    ['Industry', data.industry ?? '—'],
    ['Website', data.website ?? '—'],
    ['Monthly spend', String(data.monthly_spend)],
    ['Web sessions', String(data.session_count)],
    ['Created', formatTime(data.created_at)],
    ['Last seen', formatTime(data.last_request_at)],
  ];
  const attributes = Object.entries(data.custom_attributes);
  const people = contacts.data;

  return (
    <>
      {back}
      <header className="page-header">
        <h1>{data.name ?? data.company_id}</h1>
        <TagChips tags={data.tags} />
      </header>
      <Panel title="Details" id="company-details-title">
        <dl className="people-facts">
          {facts.map(([label, value]) => (
            <div className="people-fact" key={label}>
              <dt>{label}</dt>
              <dd className="break-all">{value}</dd>
            </div>
          ))}
          {attributes.map(([name, value]) => (
            <div className="people-fact" key={`custom-${name}`}>
              <dt>{name}</dt>
              <dd className="break-all">{formatValue(undefined, value)}</dd>
            </div>
          ))}
        </dl>
      </Panel>
      <Panel title="People" id="company-people-title">
        {contacts.error ? (
          <ErrorAlert message={contacts.error} />
        ) : !people ? (
          <Loading label="Loading people…" />
        ) : people.contacts.length === 0 ? (
          <EmptyState title="No people in this company yet" />
        ) : (
          <>
            <ContactsTable contacts={people.contacts} caption={`People in ${data.name ?? data.company_id}`} />
            <Pager
              label="People pages"
              summary={`${(page - 1) * 25 + 1}–${(page - 1) * 25 + people.contacts.length} of ${people.total} people`}
              busy={contacts.loading}
              hasPrevious={page > 1}
              hasNext={people.next_page !== null}
              onPrevious={() => setPage(page - 1)}
              onNext={() => setPage(people.next_page ?? page)}
            />
          </>
        )}
      </Panel>
    </>
  );
}
