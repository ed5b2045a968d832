import { bigint, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true });

export const companies = pgTable(
  'companies',
  {
    workspaceId: bigint('workspace_id', { mode: 'number' }).notNull(),
    id: text('id').notNull(),
    /** The business's own id for the company: the upsert key. */
    companyId: text('company_id').notNull(),
    name: text('name'),
    plan: text('plan'),
    size: integer('size'),
    website: text('website'),
    industry: text('industry'),
    monthlySpend: doublePrecision('monthly_spend'),
    sessionCount: integer('session_count').notNull().default(0),
    customAttributes: jsonb('custom_attributes').notNull().default({}),
    remoteCreatedAt: at('remote_created_at'),
    lastRequestAt: at('last_request_at'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('companies_company_id_idx').on(t.workspaceId, t.companyId),
    index('companies_created_idx').on(t.workspaceId, t.createdAt, t.id),
    index('companies_name_idx').on(t.workspaceId, t.name),
  ],
);
