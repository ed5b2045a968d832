-- Search's GIN indexes (0010) keep a short pending list. Every search reads the whole pending list of each index
-- it uses, and conversations are rewritten on every reply (updated_at): with the default 4 MB, a search read up to
-- 512 pages of it (measured on the bench database after a backfill: 264 pages, 1.6 ms, for a word found nowhere).
-- At 256 kB an insert flushes it into the index once it passes 32 pages. Emptied now, for the same reason.
ALTER INDEX "conversation_parts_search_idx" SET (gin_pending_list_limit = 256);--> statement-breakpoint
ALTER INDEX "conversations_search_idx" SET (gin_pending_list_limit = 256);--> statement-breakpoint
SELECT gin_clean_pending_list('conversation_parts_search_idx'::regclass), gin_clean_pending_list('conversations_search_idx'::regclass);
