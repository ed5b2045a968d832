-- Full-text search (modules/search/data.ts): GIN indexes on the exact expressions its queries use.
-- Written by hand (drizzle-kit does not track them): change an expression here and there together.
CREATE INDEX IF NOT EXISTS "conversation_parts_search_idx" ON "conversation_parts" USING gin (to_tsvector('simple'::regconfig, regexp_replace(body, '<[^>]*>', ' ', 'g')));--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "conversations_search_idx" ON "conversations" USING gin (to_tsvector('simple'::regconfig, coalesce(title, '') || ' ' || regexp_replace(coalesce(source ->> 'body', ''), '<[^>]*>', ' ', 'g')));--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "contacts_search_idx" ON "contacts" USING gin (to_tsvector('simple'::regconfig, coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || translate(coalesce(email, ''), '@.', '  ')));--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "companies_search_idx" ON "companies" USING gin (to_tsvector('simple'::regconfig, coalesce(name, '')));
