-- Written by hand (drizzle-kit cannot declare INCLUDE columns; the schema in modules/conversations/tables.ts names
-- these indexes without them).
-- The Inbox's sort indexes carry the assignees, as tagged_conversations' do (0014). A teammate without
-- access_all_conversations sees a conversation by its assignees, and views such as "Nobody on it" or "Priority for
-- a team" filter on them: the rows such a condition rejects were each read from the heap. At a million
-- conversations the sidebar's count of a team's priority conversations read 5,033 rows from the heap to find 343.
DROP INDEX "conversations_state_updated_idx";--> statement-breakpoint
CREATE INDEX "conversations_state_updated_idx" ON "conversations" USING btree ("workspace_id","state","updated_at","id")
  INCLUDE ("admin_assignee_id","team_assignee_id");--> statement-breakpoint
DROP INDEX "conversations_state_created_idx";--> statement-breakpoint
CREATE INDEX "conversations_state_created_idx" ON "conversations" USING btree ("workspace_id","state","created_at","id")
  INCLUDE ("admin_assignee_id","team_assignee_id");--> statement-breakpoint
DROP INDEX "conversations_state_waiting_idx";--> statement-breakpoint
CREATE INDEX "conversations_state_waiting_idx" ON "conversations" USING btree ("workspace_id","state",coalesce("waiting_since", 'infinity'::timestamptz),"id")
  INCLUDE ("admin_assignee_id","team_assignee_id");--> statement-breakpoint
DROP INDEX "conversations_state_priority_idx";--> statement-breakpoint
CREATE INDEX "conversations_state_priority_idx" ON "conversations" USING btree ("workspace_id","state","priority","updated_at","id")
  INCLUDE ("admin_assignee_id","team_assignee_id");
