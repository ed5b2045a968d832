CREATE TABLE "mentions" (
	"workspace_id" bigint NOT NULL,
	"teammate_id" bigint NOT NULL,
	"part_id" text NOT NULL,
	"conversation_id" text NOT NULL,
	"mentioned_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"seen_at" timestamp with time zone,
	CONSTRAINT "mentions_workspace_id_teammate_id_part_id_pk" PRIMARY KEY("workspace_id","teammate_id","part_id")
);
--> statement-breakpoint
CREATE TABLE "saved_views" (
	"workspace_id" bigint NOT NULL,
	"id" bigserial NOT NULL,
	"name" text NOT NULL,
	"filters" jsonb NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "saved_views_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "macros" (
	"workspace_id" bigint NOT NULL,
	"id" bigserial NOT NULL,
	"name" text NOT NULL,
	"body" text,
	"note" boolean DEFAULT false NOT NULL,
	"actions" jsonb NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "macros_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"workspace_id" bigint NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"uploaded_by" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attachments_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "messenger_settings" (
	"workspace_id" bigint PRIMARY KEY NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"identity_secret_sealed" text,
	"identity_secret_created_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "messenger_visitors" (
	"workspace_id" bigint NOT NULL,
	"id" text NOT NULL,
	"contact_id" text,
	"pending_attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"identified_at" timestamp with time zone,
	"verified_at" timestamp with time zone,
	"last_page_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "messenger_visitors_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "realtime_stream_events" (
	"workspace_id" bigint NOT NULL,
	"seq" bigint NOT NULL,
	"event_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "realtime_stream_events_workspace_id_seq_pk" PRIMARY KEY("workspace_id","seq")
);
--> statement-breakpoint
CREATE TABLE "realtime_streams" (
	"workspace_id" bigint PRIMARY KEY NOT NULL,
	"last_seq" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "saved_replies" (
	"workspace_id" bigint NOT NULL,
	"id" bigserial NOT NULL,
	"name" text NOT NULL,
	"shortcut" text,
	"body" text NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "saved_replies_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "conversation_contacts" ADD COLUMN "seen_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "require_two_factor" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "mentions_conversation_idx" ON "mentions" USING btree ("workspace_id","teammate_id","conversation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "attachments_id_idx" ON "attachments" USING btree ("id");--> statement-breakpoint
CREATE INDEX "messenger_visitors_contact_idx" ON "messenger_visitors" USING btree ("workspace_id","contact_id");--> statement-breakpoint
CREATE INDEX "realtime_stream_events_created_idx" ON "realtime_stream_events" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "saved_replies_shortcut_idx" ON "saved_replies" USING btree ("workspace_id","shortcut");