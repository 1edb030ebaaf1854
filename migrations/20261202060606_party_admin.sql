CREATE TABLE "party_central_households" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"party_org_id" text NOT NULL,
	"household_id" text NOT NULL,
	"member_id" text NOT NULL,
	"org_path" text NOT NULL,
	"designated_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "party_central_households_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "party_central_served" (
	"district_id" text NOT NULL,
	"household_id" text NOT NULL,
	"central_id" text NOT NULL,
	CONSTRAINT "party_central_served_district_id_household_id_pk" PRIMARY KEY("district_id","household_id")
);
--> statement-breakpoint
CREATE TABLE "party_member_transfers" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"member_id" text NOT NULL,
	"direction" text NOT NULL,
	"from_org_id" text,
	"to_org_id" text,
	"external_org" text,
	"happened_on" date NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "party_member_transfers_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "party_members" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"person_id" text NOT NULL,
	"party_org_id" text NOT NULL,
	"org_path" text NOT NULL,
	"relation" text NOT NULL,
	"stage" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"applied_on" date,
	"activist_on" date,
	"candidate_on" date,
	"probationary_on" date,
	"full_on" date,
	"introducer_ids" text[] DEFAULT '{}' NOT NULL,
	"contact_ids" text[] DEFAULT '{}' NOT NULL,
	"work_unit_id" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "party_members_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "party_org_events" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"party_org_id" text NOT NULL,
	"kind" text NOT NULL,
	"happened_on" date NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"actor_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "party_org_events_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "party_posts" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"party_org_id" text NOT NULL,
	"member_id" text NOT NULL,
	"role" text NOT NULL,
	"source" text NOT NULL,
	"full_time" boolean DEFAULT false NOT NULL,
	"source_unit" text,
	"term_start" date NOT NULL,
	"term_end" date,
	"has_party_civil_experience" boolean DEFAULT false NOT NULL,
	"is_senior_researcher" boolean DEFAULT false NOT NULL,
	"committee_seat" text,
	"status" text DEFAULT 'active' NOT NULL,
	"ended_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "party_posts_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
ALTER TABLE "party_orgs" ADD COLUMN "grade" text;--> statement-breakpoint
ALTER TABLE "party_orgs" ADD COLUMN "station_id" text;--> statement-breakpoint
ALTER TABLE "party_orgs" ADD COLUMN "instructor_name" text;--> statement-breakpoint
ALTER TABLE "party_orgs" ADD COLUMN "status" text DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "party_orgs" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "party_orgs" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "party_central_households" ADD CONSTRAINT "party_central_households_district_id_party_org_id_party_orgs_district_id_id_fk" FOREIGN KEY ("district_id","party_org_id") REFERENCES "party_orgs"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_central_households" ADD CONSTRAINT "party_central_households_district_id_household_id_households_district_id_id_fk" FOREIGN KEY ("district_id","household_id") REFERENCES "households"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_central_households" ADD CONSTRAINT "party_central_households_district_id_member_id_party_members_district_id_id_fk" FOREIGN KEY ("district_id","member_id") REFERENCES "party_members"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_central_served" ADD CONSTRAINT "party_central_served_district_id_central_id_party_central_households_district_id_id_fk" FOREIGN KEY ("district_id","central_id") REFERENCES "party_central_households"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_central_served" ADD CONSTRAINT "party_central_served_district_id_household_id_households_district_id_id_fk" FOREIGN KEY ("district_id","household_id") REFERENCES "households"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_member_transfers" ADD CONSTRAINT "party_member_transfers_district_id_member_id_party_members_district_id_id_fk" FOREIGN KEY ("district_id","member_id") REFERENCES "party_members"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_members" ADD CONSTRAINT "party_members_district_id_party_org_id_party_orgs_district_id_id_fk" FOREIGN KEY ("district_id","party_org_id") REFERENCES "party_orgs"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_members" ADD CONSTRAINT "party_members_district_id_person_id_people_district_id_id_fk" FOREIGN KEY ("district_id","person_id") REFERENCES "people"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_org_events" ADD CONSTRAINT "party_org_events_district_id_party_org_id_party_orgs_district_id_id_fk" FOREIGN KEY ("district_id","party_org_id") REFERENCES "party_orgs"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_posts" ADD CONSTRAINT "party_posts_district_id_party_org_id_party_orgs_district_id_id_fk" FOREIGN KEY ("district_id","party_org_id") REFERENCES "party_orgs"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_posts" ADD CONSTRAINT "party_posts_district_id_member_id_party_members_district_id_id_fk" FOREIGN KEY ("district_id","member_id") REFERENCES "party_members"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "party_central_households_household_uq" ON "party_central_households" USING btree ("district_id","household_id");--> statement-breakpoint
CREATE INDEX "party_central_served_central_idx" ON "party_central_served" USING btree ("district_id","central_id");--> statement-breakpoint
CREATE INDEX "party_member_transfers_member_idx" ON "party_member_transfers" USING btree ("district_id","member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "party_members_person_uq" ON "party_members" USING btree ("district_id","person_id");--> statement-breakpoint
CREATE INDEX "party_members_org_idx" ON "party_members" USING btree ("district_id","party_org_id","stage");--> statement-breakpoint
CREATE INDEX "party_members_path_idx" ON "party_members" USING btree ("district_id","org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "party_org_events_org_idx" ON "party_org_events" USING btree ("district_id","party_org_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "party_posts_one_secretary_uq" ON "party_posts" USING btree ("district_id","party_org_id") WHERE role = 'secretary' and status = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "party_posts_one_post_uq" ON "party_posts" USING btree ("district_id","party_org_id","member_id") WHERE status = 'active';