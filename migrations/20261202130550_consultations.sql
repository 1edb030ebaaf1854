CREATE TABLE "consultation_ballots" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"consultation_id" text NOT NULL,
	"voter_key" text NOT NULL,
	"household_id" text,
	"person_id" text,
	"source" text NOT NULL,
	"entered_by" text,
	"note" text DEFAULT '' NOT NULL,
	"answers" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultation_ballots_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "consultation_questions" (
	"district_id" text NOT NULL,
	"consultation_id" text NOT NULL,
	"id" integer NOT NULL,
	"kind" text NOT NULL,
	"prompt" text NOT NULL,
	"options" text[] DEFAULT '{}' NOT NULL,
	"required" boolean DEFAULT true NOT NULL,
	CONSTRAINT "consultation_questions_district_id_consultation_id_id_pk" PRIMARY KEY("district_id","consultation_id","id")
);
--> statement-breakpoint
CREATE TABLE "consultations" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"kind" text NOT NULL,
	"organiser_kind" text NOT NULL,
	"org_unit_id" text NOT NULL,
	"org_path" text NOT NULL,
	"building_id" text,
	"answer_per" text NOT NULL,
	"is_anonymous" boolean DEFAULT false NOT NULL,
	"matter" text,
	"closes_at" timestamp with time zone NOT NULL,
	"closed_early_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_by_name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultations_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "exclusive_area" numeric(10, 2);--> statement-breakpoint
ALTER TABLE "consultation_ballots" ADD CONSTRAINT "consultation_ballots_district_id_consultation_id_consultations_district_id_id_fk" FOREIGN KEY ("district_id","consultation_id") REFERENCES "consultations"("district_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_questions" ADD CONSTRAINT "consultation_questions_district_id_consultation_id_consultations_district_id_id_fk" FOREIGN KEY ("district_id","consultation_id") REFERENCES "consultations"("district_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_district_id_org_unit_id_org_units_district_id_id_fk" FOREIGN KEY ("district_id","org_unit_id") REFERENCES "org_units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_ballots_voter_uq" ON "consultation_ballots" USING btree ("district_id","consultation_id","voter_key");--> statement-breakpoint
CREATE INDEX "consultations_path_idx" ON "consultations" USING btree ("district_id","org_path" text_pattern_ops);