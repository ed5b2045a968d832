ALTER TABLE "conversations" ADD COLUMN "tag_ids" bigint[] DEFAULT '{}'::bigint[] NOT NULL;--> statement-breakpoint
-- Written by hand below this line (drizzle-kit does not track functions or triggers).
-- conversations.tag_ids is a read model of taggings (which stays the truth): statement-level triggers recompute it
-- for the conversations that a statement tagged or untagged, whoever wrote the taggings (applying, removing, deleting
-- a tag and with it every application, merging, anything later).
CREATE FUNCTION "conversations_sync_tag_ids"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed taggings[];
BEGIN
  -- A transition table exists only for the events that define it, so each event reads its own.
  IF TG_OP = 'INSERT' THEN
    changed := array(SELECT t FROM new_taggings t WHERE t.target_type = 'conversation');
  ELSIF TG_OP = 'DELETE' THEN
    changed := array(SELECT t FROM old_taggings t WHERE t.target_type = 'conversation');
  ELSE
    changed := array(SELECT t FROM old_taggings t WHERE t.target_type = 'conversation'
                     UNION ALL SELECT t FROM new_taggings t WHERE t.target_type = 'conversation');
  END IF;
  IF cardinality(changed) = 0 THEN
    RETURN NULL;
  END IF;
  -- Locked in key order, as the conversations module locks a batch, so deleting a tag of many conversations cannot
  -- deadlock with a change of several of them.
  PERFORM 1 FROM conversations c
    WHERE (c.workspace_id, c.id) IN (SELECT workspace_id, target_id FROM unnest(changed))
    ORDER BY c.workspace_id, c.id
    FOR UPDATE;
  -- A join, not a subquery per conversation, so a bulk write (the bench's seed, without indexes) can hash it.
  UPDATE conversations c SET tag_ids = fresh.tag_ids
  FROM (
    SELECT t.workspace_id, t.target_id, coalesce(array_agg(tg.tag_id ORDER BY tg.tag_id) FILTER (WHERE tg.tag_id IS NOT NULL), '{}') AS tag_ids
    FROM (SELECT DISTINCT workspace_id, target_id FROM unnest(changed)) t
    LEFT JOIN taggings tg ON tg.workspace_id = t.workspace_id AND tg.target_type = 'conversation' AND tg.target_id = t.target_id
    GROUP BY t.workspace_id, t.target_id
  ) fresh
  WHERE c.workspace_id = fresh.workspace_id AND c.id = fresh.target_id AND c.tag_ids IS DISTINCT FROM fresh.tag_ids;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "taggings_inserted_sync_conversation_tag_ids" AFTER INSERT ON "taggings"
  REFERENCING NEW TABLE AS new_taggings FOR EACH STATEMENT EXECUTE FUNCTION "conversations_sync_tag_ids"();--> statement-breakpoint
CREATE TRIGGER "taggings_deleted_sync_conversation_tag_ids" AFTER DELETE ON "taggings"
  REFERENCING OLD TABLE AS old_taggings FOR EACH STATEMENT EXECUTE FUNCTION "conversations_sync_tag_ids"();--> statement-breakpoint
CREATE TRIGGER "taggings_updated_sync_conversation_tag_ids" AFTER UPDATE ON "taggings"
  REFERENCING OLD TABLE AS old_taggings NEW TABLE AS new_taggings FOR EACH STATEMENT EXECUTE FUNCTION "conversations_sync_tag_ids"();--> statement-breakpoint
-- The existing taggings, before the indexes (one pass over them instead of an index entry per updated row).
UPDATE "conversations" c SET tag_ids = t.tag_ids
FROM (SELECT workspace_id, target_id, array_agg(tag_id ORDER BY tag_id) AS tag_ids
      FROM taggings WHERE target_type = 'conversation' GROUP BY workspace_id, target_id) t
WHERE c.workspace_id = t.workspace_id AND c.id = t.target_id;--> statement-breakpoint
CREATE INDEX "conversations_open_tags_idx" ON "conversations" USING gin ("tag_ids") WHERE state = 'open';--> statement-breakpoint
CREATE INDEX "conversations_snoozed_tags_idx" ON "conversations" USING gin ("tag_ids") WHERE state = 'snoozed';
