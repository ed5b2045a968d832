ALTER TABLE "conversations" ADD COLUMN "mentioned_ids" bigint[] DEFAULT '{}'::bigint[] NOT NULL;--> statement-breakpoint
-- Written by hand below this line (drizzle-kit does not track functions or triggers).
-- conversations.mentioned_ids is a read model of the Inbox's mentions (which stay the truth), kept as 0009 keeps
-- tag_ids: statement-level triggers recompute it for the conversations whose mentions a statement inserted or
-- deleted. A mention is never moved to another conversation or teammate; marking it seen changes nothing here.
CREATE FUNCTION "conversations_sync_mentioned_ids"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed mentions[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    changed := array(SELECT m FROM new_mentions m);
  ELSE
    changed := array(SELECT m FROM old_mentions m);
  END IF;
  IF cardinality(changed) = 0 THEN
    RETURN NULL;
  END IF;
  -- Locked in key order, as the conversations module locks a batch.
  PERFORM 1 FROM conversations c
    WHERE (c.workspace_id, c.id) IN (SELECT workspace_id, conversation_id FROM unnest(changed))
    ORDER BY c.workspace_id, c.id
    FOR UPDATE;
  UPDATE conversations c SET mentioned_ids = fresh.mentioned_ids
  FROM (
    SELECT t.workspace_id, t.conversation_id,
           coalesce(array_agg(DISTINCT m.teammate_id ORDER BY m.teammate_id) FILTER (WHERE m.teammate_id IS NOT NULL), '{}') AS mentioned_ids
    FROM (SELECT DISTINCT workspace_id, conversation_id FROM unnest(changed)) t
    LEFT JOIN mentions m ON m.workspace_id = t.workspace_id AND m.conversation_id = t.conversation_id
    GROUP BY t.workspace_id, t.conversation_id
  ) fresh
  WHERE c.workspace_id = fresh.workspace_id AND c.id = fresh.conversation_id AND c.mentioned_ids IS DISTINCT FROM fresh.mentioned_ids;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "mentions_inserted_sync_conversation_mentioned_ids" AFTER INSERT ON "mentions"
  REFERENCING NEW TABLE AS new_mentions FOR EACH STATEMENT EXECUTE FUNCTION "conversations_sync_mentioned_ids"();--> statement-breakpoint
CREATE TRIGGER "mentions_deleted_sync_conversation_mentioned_ids" AFTER DELETE ON "mentions"
  REFERENCING OLD TABLE AS old_mentions FOR EACH STATEMENT EXECUTE FUNCTION "conversations_sync_mentioned_ids"();--> statement-breakpoint
-- The existing mentions, before the indexes.
UPDATE "conversations" c SET mentioned_ids = m.mentioned_ids
FROM (SELECT workspace_id, conversation_id, array_agg(DISTINCT teammate_id ORDER BY teammate_id) AS mentioned_ids
      FROM mentions GROUP BY workspace_id, conversation_id) m
WHERE c.workspace_id = m.workspace_id AND c.id = m.conversation_id;--> statement-breakpoint
CREATE INDEX "conversations_open_mentioned_idx" ON "conversations" USING gin ("mentioned_ids") WHERE state = 'open';--> statement-breakpoint
CREATE INDEX "conversations_snoozed_mentioned_idx" ON "conversations" USING gin ("mentioned_ids") WHERE state = 'snoozed';
