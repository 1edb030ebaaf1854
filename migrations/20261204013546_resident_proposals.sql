CREATE TABLE "resident_proposal_supports" (
	"district_id" text NOT NULL,
	"proposal_id" text NOT NULL,
	"household_id" text NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resident_proposal_supports_district_id_proposal_id_household_id_pk" PRIMARY KEY("district_id","proposal_id","household_id")
);
--> statement-breakpoint
CREATE TABLE "resident_proposals" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"compound_id" text NOT NULL,
	"org_path" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"proposer_user_id" text NOT NULL,
	"proposer_household_id" text NOT NULL,
	"supports_needed" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"meeting_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resident_proposals_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
ALTER TABLE "resident_proposal_supports" ADD CONSTRAINT "resident_proposal_supports_district_id_proposal_id_resident_proposals_district_id_id_fk" FOREIGN KEY ("district_id","proposal_id") REFERENCES "resident_proposals"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_proposal_supports" ADD CONSTRAINT "resident_proposal_supports_district_id_household_id_households_district_id_id_fk" FOREIGN KEY ("district_id","household_id") REFERENCES "households"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_proposals" ADD CONSTRAINT "resident_proposals_district_id_compound_id_org_units_district_id_id_fk" FOREIGN KEY ("district_id","compound_id") REFERENCES "org_units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "resident_proposals_path_idx" ON "resident_proposals" USING btree ("district_id","org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "resident_proposals_compound_idx" ON "resident_proposals" USING btree ("district_id","compound_id","status");