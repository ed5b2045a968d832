DROP INDEX "conversations_state_idx";--> statement-breakpoint
CREATE INDEX "conversations_state_updated_idx" ON "conversations" USING btree ("workspace_id","state","updated_at","id");--> statement-breakpoint
CREATE INDEX "conversations_state_created_idx" ON "conversations" USING btree ("workspace_id","state","created_at","id");--> statement-breakpoint
CREATE INDEX "conversations_state_waiting_idx" ON "conversations" USING btree ("workspace_id","state",coalesce("waiting_since", 'infinity'::timestamptz),"id");--> statement-breakpoint
CREATE INDEX "conversations_state_priority_idx" ON "conversations" USING btree ("workspace_id","state","priority","updated_at","id");--> statement-breakpoint
CREATE INDEX "conversations_team_idx" ON "conversations" USING btree ("workspace_id","team_assignee_id","state","updated_at","id") WHERE team_assignee_id is not null;--> statement-breakpoint
CREATE INDEX "conversations_unassigned_idx" ON "conversations" USING btree ("workspace_id","state","updated_at","id") WHERE admin_assignee_id is null and team_assignee_id is null;--> statement-breakpoint
CREATE INDEX "mentions_unread_idx" ON "mentions" USING btree ("workspace_id","teammate_id","conversation_id") WHERE seen_at is null;