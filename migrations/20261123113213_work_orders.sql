CREATE TABLE "idempotency_keys" (
	"district_id" text NOT NULL,
	"user_id" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"resource_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_district_id_user_id_key_pk" PRIMARY KEY("district_id","user_id","key")
);
--> statement-breakpoint
CREATE TABLE "joint_meeting_actions" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"meeting_id" text NOT NULL,
	"title" text NOT NULL,
	"order_id" text,
	"owner" text NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "joint_meeting_actions_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "joint_meetings" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"compound_id" text NOT NULL,
	"org_path" text NOT NULL,
	"held_on" date NOT NULL,
	"attendees" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"minutes" text DEFAULT '' NOT NULL,
	"agenda" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "joint_meetings_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"district_id" text NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "outbox_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"topic" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "outbox_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "work_order_attachments" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"order_id" text NOT NULL,
	"mime" text NOT NULL,
	"data_base64" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "work_order_attachments_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "work_order_categories" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"parent_id" text,
	"name" text NOT NULL,
	"default_handler" text NOT NULL,
	"default_work_unit_id" text,
	"accept_days" integer DEFAULT 1 NOT NULL,
	"dispatch_days" integer DEFAULT 1 NOT NULL,
	"handle_days" integer DEFAULT 5 NOT NULL,
	CONSTRAINT "work_order_categories_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "work_order_events" (
	"district_id" text NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "work_order_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"order_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" text,
	"actor_name" text,
	"actor_role" text,
	"type" text NOT NULL,
	"note" text,
	"data" jsonb,
	CONSTRAINT "work_order_events_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "work_order_extensions" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"order_id" text NOT NULL,
	"leg_id" text NOT NULL,
	"days" integer NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"requested_by" text NOT NULL,
	"decided_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "work_order_extensions_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "work_order_legs" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"order_id" text NOT NULL,
	"handler_kind" text NOT NULL,
	"work_unit_id" text,
	"status" text NOT NULL,
	"due_at" timestamp with time zone,
	"paused_at" timestamp with time zone,
	"result" text,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"fulfilled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "work_order_legs_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "work_orders" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"no" text NOT NULL,
	"hotline_no" text,
	"channel" text NOT NULL,
	"category_id" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"compound_id" text NOT NULL,
	"building_id" text,
	"org_path" text NOT NULL,
	"address" text,
	"reporter_name" text,
	"reporter_phone_cipher" text,
	"reporter_phone_masked" text,
	"reporter_user_id" text,
	"status" text NOT NULL,
	"stage_due_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"escalation_level" integer DEFAULT 0 NOT NULL,
	"escalated_for_due_at" timestamp with time zone,
	"is_supervised" boolean DEFAULT false NOT NULL,
	"rating" integer,
	"rating_comment" text,
	"closed_at" timestamp with time zone,
	"closed_on_time" boolean,
	"possible_duplicate_of" text,
	"merged_into" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "work_orders_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE INDEX "joint_meeting_actions_meeting_idx" ON "joint_meeting_actions" USING btree ("district_id","meeting_id");--> statement-breakpoint
CREATE INDEX "joint_meetings_path_idx" ON "joint_meetings" USING btree ("district_id","org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "outbox_unsent_idx" ON "outbox" USING btree ("district_id","sent_at");--> statement-breakpoint
CREATE INDEX "work_order_att_order_idx" ON "work_order_attachments" USING btree ("district_id","order_id");--> statement-breakpoint
CREATE INDEX "work_order_events_order_idx" ON "work_order_events" USING btree ("district_id","order_id","at");--> statement-breakpoint
CREATE INDEX "work_order_ext_leg_idx" ON "work_order_extensions" USING btree ("district_id","leg_id");--> statement-breakpoint
CREATE INDEX "work_order_legs_order_idx" ON "work_order_legs" USING btree ("district_id","order_id");--> statement-breakpoint
CREATE INDEX "work_order_legs_unit_idx" ON "work_order_legs" USING btree ("district_id","work_unit_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "work_orders_no_uq" ON "work_orders" USING btree ("district_id","no");--> statement-breakpoint
CREATE UNIQUE INDEX "work_orders_hotline_uq" ON "work_orders" USING btree ("district_id","hotline_no");--> statement-breakpoint
CREATE INDEX "work_orders_path_idx" ON "work_orders" USING btree ("district_id","org_path" text_pattern_ops,"created_at");--> statement-breakpoint
CREATE INDEX "work_orders_due_idx" ON "work_orders" USING btree ("district_id","due_at");--> statement-breakpoint
CREATE INDEX "work_orders_status_idx" ON "work_orders" USING btree ("district_id","status","created_at");