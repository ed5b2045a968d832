import type { CompanySummary } from '@frontdesk/api-types';
import { TagChips } from '../contacts/tag-chips.tsx';
import { Link } from '../router/router.tsx';
import { formatTime } from '../ui/format.ts';

const money = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

export function CompaniesTable({ companies }: { companies: CompanySummary[] }) {
  return (
    <div className="table-wrap">
      <table className="table people-table">
        <caption className="visually-hidden">Companies</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Plan</th>
            <th scope="col">People</th>
            <th scope="col" className="people-hide-narrow">
              Monthly spend
            </th>
            <th scope="col" className="people-hide-narrow">
              Tags
            </th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {companies.map((company) => (
            <tr key={company.id}>
              <td>
                <span className="people-person-cell">
                  <Link href={`/companies/${encodeURIComponent(company.id)}`}>{company.name ?? company.company_id}</Link>
                </span>
                <div className="muted small break-all">{company.website ?? company.company_id}</div>
              </td>
              <td>{company.plan ?? <span className="muted">—</span>}</td>
              <td>{company.user_count}</td>
              <td className="people-hide-narrow">{money.format(company.monthly_spend)}</td>
              <td className="people-hide-narrow">
                <TagChips tags={company.tags} />
              </td>
              <td className="nowrap">{formatTime(company.created_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
