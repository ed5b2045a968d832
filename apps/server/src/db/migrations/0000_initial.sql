CREATE TABLE "aggregate_sequences" (
	"workspace_id" bigint NOT NULL,
	"aggregate_type" text NOT NULL,
	"aggregate_id" text NOT NULL,
	"last_sequence" integer NOT NULL,
	CONSTRAINT "aggregate_sequences_workspace_id_aggregate_type_aggregate_id_pk" PRIMARY KEY("workspace_id","aggregate_type","aggregate_id")
);
--> statement-breakpoint
CREATE TABLE "event_cursors" (
	"consumer" text PRIMARY KEY NOT NULL,
	"snapshot" text DEFAULT '1:1:' NOT NULL,
	"next_snapshot" text,
	"event_id" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"txid" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"workspace_id" bigint NOT NULL,
	"aggregate_type" text NOT NULL,
	"aggregate_id" text NOT NULL,
	"sequence" integer NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_event_id_unique" UNIQUE("event_id")
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"workspace_id" bigint NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" integer,
	"headers" jsonb,
	"body" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_workspace_id_key_pk" PRIMARY KEY("workspace_id","key")
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"key" text,
	"payload" jsonb NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 10 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "jobs_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"workspace_id" bigint NOT NULL,
	"id" bigserial NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"scopes" jsonb NOT NULL,
	"teammate_id" bigint NOT NULL,
	"created_by" bigint,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_tokens_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"workspace_id" bigint NOT NULL,
	"id" bigserial NOT NULL,
	"event_id" uuid NOT NULL,
	"action" text NOT NULL,
	"actor_id" bigint,
	"target_type" text,
	"target_id" text,
	"ip" text,
	"metadata" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "audit_events_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "audit_events_event_id_unique" UNIQUE("event_id")
);
--> statement-breakpoint
CREATE TABLE "companies" (
	"workspace_id" bigint NOT NULL,
	"id" text NOT NULL,
	"company_id" text NOT NULL,
	"name" text,
	"plan" text,
	"size" integer,
	"website" text,
	"industry" text,
	"monthly_spend" double precision,
	"session_count" integer DEFAULT 0 NOT NULL,
	"custom_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"remote_created_at" timestamp with time zone,
	"last_request_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "companies_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "contact_companies" (
	"workspace_id" bigint NOT NULL,
	"contact_id" text NOT NULL,
	"company_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contact_companies_workspace_id_contact_id_company_id_pk" PRIMARY KEY("workspace_id","contact_id","company_id")
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"workspace_id" bigint NOT NULL,
	"id" text NOT NULL,
	"role" text NOT NULL,
	"external_id" text,
	"email" text,
	"phone" text,
	"name" text,
	"avatar" text,
	"owner_id" bigint,
	"unsubscribed_from_emails" boolean DEFAULT false NOT NULL,
	"has_hard_bounced" boolean DEFAULT false NOT NULL,
	"marked_email_as_spam" boolean DEFAULT false NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	"profile" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"custom_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"signed_up_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone,
	"last_replied_at" timestamp with time zone,
	"last_contacted_at" timestamp with time zone,
	"last_email_opened_at" timestamp with time zone,
	"last_email_clicked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contacts_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "conversation_contacts" (
	"workspace_id" bigint NOT NULL,
	"conversation_id" text NOT NULL,
	"contact_id" text NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversation_contacts_workspace_id_conversation_id_contact_id_pk" PRIMARY KEY("workspace_id","conversation_id","contact_id")
);
--> statement-breakpoint
CREATE TABLE "conversation_parts" (
	"workspace_id" bigint NOT NULL,
	"conversation_id" text NOT NULL,
	"id" text NOT NULL,
	"part_type" text NOT NULL,
	"body" text,
	"author_type" text NOT NULL,
	"author_id" text,
	"assigned_to" jsonb,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"event_details" jsonb,
	"redacted" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversation_parts_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "conversations" (
	"workspace_id" bigint NOT NULL,
	"id" text NOT NULL,
	"title" text,
	"state" text NOT NULL,
	"read" boolean DEFAULT false NOT NULL,
	"priority" boolean DEFAULT false NOT NULL,
	"admin_assignee_id" bigint,
	"team_assignee_id" bigint,
	"teammate_ids" bigint[] DEFAULT '{}'::bigint[] NOT NULL,
	"company_id" text,
	"snoozed_until" timestamp with time zone,
	"waiting_since" timestamp with time zone,
	"source" jsonb NOT NULL,
	"custom_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"first_contact_reply_at" timestamp with time zone,
	"first_admin_reply_at" timestamp with time zone,
	"first_assignment_at" timestamp with time zone,
	"last_assignment_at" timestamp with time zone,
	"last_assignment_admin_reply_at" timestamp with time zone,
	"last_contact_reply_at" timestamp with time zone,
	"last_admin_reply_at" timestamp with time zone,
	"first_close_at" timestamp with time zone,
	"last_close_at" timestamp with time zone,
	"last_closed_by_id" bigint,
	"count_reopens" integer DEFAULT 0 NOT NULL,
	"count_assignments" integer DEFAULT 0 NOT NULL,
	"count_conversation_parts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversations_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "data_attributes" (
	"workspace_id" bigint NOT NULL,
	"id" bigserial NOT NULL,
	"model" text NOT NULL,
	"name" text NOT NULL,
	"label" text NOT NULL,
	"description" text,
	"data_type" text NOT NULL,
	"options" jsonb,
	"messenger_writable" boolean DEFAULT false NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	"admin_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "data_attributes_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "data_event_summaries" (
	"workspace_id" bigint NOT NULL,
	"contact_id" text NOT NULL,
	"event_name" text NOT NULL,
	"count" integer NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "data_event_summaries_workspace_id_contact_id_event_name_pk" PRIMARY KEY("workspace_id","contact_id","event_name")
);
--> statement-breakpoint
CREATE TABLE "data_events" (
	"workspace_id" bigint NOT NULL,
	"id" bigserial NOT NULL,
	"contact_id" text NOT NULL,
	"event_name" text NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "data_events_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "notes" (
	"workspace_id" bigint NOT NULL,
	"id" bigserial NOT NULL,
	"contact_id" text NOT NULL,
	"author_id" bigint,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notes_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "segments" (
	"workspace_id" bigint NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"person_type" text NOT NULL,
	"query" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "segments_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "taggings" (
	"workspace_id" bigint NOT NULL,
	"tag_id" bigint NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text NOT NULL,
	"applied_by" bigint,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "taggings_workspace_id_tag_id_target_type_target_id_pk" PRIMARY KEY("workspace_id","tag_id","target_type","target_id")
);
--> statement-breakpoint
CREATE TABLE "tags" (
	"workspace_id" bigint NOT NULL,
	"id" bigserial NOT NULL,
	"name" text NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tags_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "login_failures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"ip" "inet",
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recovery_codes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"teammate_id" bigint NOT NULL,
	"code_hash" text NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"teammate_id" bigint NOT NULL,
	"workspace_id" bigint,
	"pending_two_factor" timestamp with time zone,
	"ip" text,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sessions_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "teammates" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"totp_secret" text,
	"two_factor_enabled_at" timestamp with time zone,
	"totp_last_time_step" bigint,
	"password_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "teammates_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "team_members" (
	"workspace_id" bigint NOT NULL,
	"team_id" bigint NOT NULL,
	"teammate_id" bigint NOT NULL,
	CONSTRAINT "team_members_workspace_id_team_id_teammate_id_pk" PRIMARY KEY("workspace_id","team_id","teammate_id")
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"workspace_id" bigint NOT NULL,
	"id" bigserial NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "teams_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"workspace_id" bigint NOT NULL,
	"id" bigserial NOT NULL,
	"subscription_id" text NOT NULL,
	"notification_id" text NOT NULL,
	"event_id" uuid,
	"topic" text NOT NULL,
	"attempt" integer NOT NULL,
	"request_body" text NOT NULL,
	"response_status" integer,
	"response_body" text,
	"error" text,
	"latency_ms" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_deliveries_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "webhook_subscriptions" (
	"workspace_id" bigint NOT NULL,
	"id" text NOT NULL,
	"url" text NOT NULL,
	"topics" jsonb NOT NULL,
	"secret" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"disabled_reason" text,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_subscriptions_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "invites" (
	"workspace_id" bigint NOT NULL,
	"id" bigserial NOT NULL,
	"email" text NOT NULL,
	"role" text NOT NULL,
	"token_hash" text NOT NULL,
	"invited_by" bigint NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invites_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"workspace_id" bigint NOT NULL,
	"teammate_id" bigint NOT NULL,
	"role" text NOT NULL,
	"permissions" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_workspace_id_teammate_id_pk" PRIMARY KEY("workspace_id","teammate_id")
);
--> statement-breakpoint
CREATE TABLE "workspaces" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"id_code" text NOT NULL,
	"name" text NOT NULL,
	"timezone" text DEFAULT 'UTC' NOT NULL,
	"region" text DEFAULT 'Self-hosted' NOT NULL,
	"identity_verification" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workspaces_id_code_unique" UNIQUE("id_code")
);
--> statement-breakpoint
CREATE INDEX "events_txid_idx" ON "events" USING btree ("txid");--> statement-breakpoint
CREATE INDEX "events_aggregate_idx" ON "events" USING btree ("workspace_id","aggregate_type","aggregate_id","sequence");--> statement-breakpoint
CREATE INDEX "jobs_due_idx" ON "jobs" USING btree ("run_at") WHERE finished_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_hash_idx" ON "api_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "companies_company_id_idx" ON "companies" USING btree ("workspace_id","company_id");--> statement-breakpoint
CREATE INDEX "companies_created_idx" ON "companies" USING btree ("workspace_id","created_at","id");--> statement-breakpoint
CREATE INDEX "companies_name_idx" ON "companies" USING btree ("workspace_id","name");--> statement-breakpoint
CREATE INDEX "contact_companies_company_idx" ON "contact_companies" USING btree ("workspace_id","company_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_user_external_id_idx" ON "contacts" USING btree ("workspace_id","external_id") WHERE role = 'user' and external_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_user_email_idx" ON "contacts" USING btree ("workspace_id",lower(email)) WHERE role = 'user' and email is not null;--> statement-breakpoint
CREATE INDEX "contacts_email_idx" ON "contacts" USING btree ("workspace_id",lower(email));--> statement-breakpoint
CREATE INDEX "contacts_created_idx" ON "contacts" USING btree ("workspace_id","created_at","id");--> statement-breakpoint
CREATE INDEX "contacts_updated_idx" ON "contacts" USING btree ("workspace_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "conversation_contacts_contact_idx" ON "conversation_contacts" USING btree ("workspace_id","contact_id");--> statement-breakpoint
CREATE INDEX "conversation_parts_conversation_idx" ON "conversation_parts" USING btree ("workspace_id","conversation_id","created_at");--> statement-breakpoint
CREATE INDEX "conversations_updated_idx" ON "conversations" USING btree ("workspace_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "conversations_state_idx" ON "conversations" USING btree ("workspace_id","state","updated_at");--> statement-breakpoint
CREATE INDEX "conversations_assignee_idx" ON "conversations" USING btree ("workspace_id","admin_assignee_id","state") WHERE admin_assignee_id is not null;--> statement-breakpoint
CREATE INDEX "conversations_snoozed_idx" ON "conversations" USING btree ("snoozed_until") WHERE state = 'snoozed';--> statement-breakpoint
CREATE UNIQUE INDEX "data_attributes_name_idx" ON "data_attributes" USING btree ("workspace_id","model","name");--> statement-breakpoint
CREATE INDEX "data_events_contact_idx" ON "data_events" USING btree ("workspace_id","contact_id","created_at");--> statement-breakpoint
CREATE INDEX "notes_contact_idx" ON "notes" USING btree ("workspace_id","contact_id","created_at");--> statement-breakpoint
CREATE INDEX "taggings_target_idx" ON "taggings" USING btree ("workspace_id","target_type","target_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tags_name_idx" ON "tags" USING btree ("workspace_id",lower(name));--> statement-breakpoint
CREATE INDEX "login_failures_email_idx" ON "login_failures" USING btree ("email","at");--> statement-breakpoint
CREATE INDEX "login_failures_ip_idx" ON "login_failures" USING btree ("ip","at");--> statement-breakpoint
CREATE INDEX "recovery_codes_teammate_idx" ON "recovery_codes" USING btree ("teammate_id");--> statement-breakpoint
CREATE INDEX "sessions_teammate_idx" ON "sessions" USING btree ("teammate_id");--> statement-breakpoint
CREATE INDEX "team_members_teammate_idx" ON "team_members" USING btree ("workspace_id","teammate_id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_subscription_idx" ON "webhook_deliveries" USING btree ("workspace_id","subscription_id","id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_notification_idx" ON "webhook_deliveries" USING btree ("workspace_id","notification_id");--> statement-breakpoint
CREATE UNIQUE INDEX "invites_token_idx" ON "invites" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "memberships_teammate_idx" ON "memberships" USING btree ("teammate_id");