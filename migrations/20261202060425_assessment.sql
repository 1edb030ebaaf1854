CREATE TABLE "assessment_appeals" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"order_id" text NOT NULL,
	"unit_kind" text NOT NULL,
	"unit_id" text NOT NULL,
	"unit_name" text NOT NULL,
	"org_path" text NOT NULL,
	"work_unit_id" text,
	"reason" text NOT NULL,
	"explanation" text NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text NOT NULL,
	"filed_by" text NOT NULL,
	"filed_by_name" text NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"deadline_at" timestamp with time zone NOT NULL,
	"decided_by" text,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "assessment_appeals_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "assessment_callbacks" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"order_id" text NOT NULL,
	"org_path" text NOT NULL,
	"outcome" text NOT NULL,
	"resolved" boolean,
	"note" text,
	"called_by" text NOT NULL,
	"called_by_name" text NOT NULL,
	"called_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "assessment_callbacks_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "assessment_settings" (
	"district_id" text NOT NULL,
	"id" text DEFAULT 'default' NOT NULL,
	"weights" jsonb NOT NULL,
	"red_list_size" integer NOT NULL,
	"black_list_size" integer NOT NULL,
	"appeal_days" integer NOT NULL,
	"appeal_reviewers" jsonb NOT NULL,
	"callback_tries" integer NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "assessment_settings_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE INDEX "assessment_appeals_order_idx" ON "assessment_appeals" USING btree ("district_id","order_id");--> statement-breakpoint
CREATE INDEX "assessment_appeals_status_idx" ON "assessment_appeals" USING btree ("district_id","status","filed_at");--> statement-breakpoint
CREATE INDEX "assessment_callbacks_order_idx" ON "assessment_callbacks" USING btree ("district_id","order_id","called_at");