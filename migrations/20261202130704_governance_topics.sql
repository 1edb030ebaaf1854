CREATE TABLE "governance_topic_actions" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"topic_id" text NOT NULL,
	"title" text NOT NULL,
	"owner" text NOT NULL,
	"due_date" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "governance_topic_actions_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "governance_topics" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"org_path" text NOT NULL,
	"category_id" text NOT NULL,
	"source_kind" text NOT NULL,
	"source_key" text NOT NULL,
	"start_month" text NOT NULL,
	"pilot_compound_ids" jsonb NOT NULL,
	"owners" jsonb NOT NULL,
	"status" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "governance_topics_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
ALTER TABLE "governance_topic_actions" ADD CONSTRAINT "governance_topic_actions_district_id_topic_id_governance_topics_district_id_id_fk" FOREIGN KEY ("district_id","topic_id") REFERENCES "governance_topics"("district_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "governance_topic_actions_topic_idx" ON "governance_topic_actions" USING btree ("district_id","topic_id");--> statement-breakpoint
CREATE INDEX "governance_topics_month_idx" ON "governance_topics" USING btree ("district_id","start_month");