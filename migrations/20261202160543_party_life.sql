CREATE TABLE "party_activities" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"party_org_id" text NOT NULL,
	"kind" text NOT NULL,
	"topic" text NOT NULL,
	"place" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"minutes" text,
	"qr_nonce" text NOT NULL,
	"created_by" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "party_activities_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "party_assessments" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"party_org_id" text NOT NULL,
	"year" integer NOT NULL,
	"subject" text NOT NULL,
	"member_id" text,
	"scores" jsonb NOT NULL,
	"total" numeric(6, 1) NOT NULL,
	"max_total" integer NOT NULL,
	"grade" text NOT NULL,
	"note" text,
	"entered_by" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "party_assessments_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "party_attendance" (
	"district_id" text NOT NULL,
	"activity_id" text NOT NULL,
	"member_id" text NOT NULL,
	"status" text DEFAULT 'expected' NOT NULL,
	"leave_reason" text,
	"via" text,
	"checked_in_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "party_attendance_district_id_activity_id_member_id_pk" PRIMARY KEY("district_id","activity_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "party_life_settings" (
	"district_id" text PRIMARY KEY NOT NULL,
	"frequencies" jsonb NOT NULL,
	"systems" jsonb NOT NULL,
	"assessment_items" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_system_checks" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"party_org_id" text NOT NULL,
	"year" integer NOT NULL,
	"item_key" text NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"evidence" text,
	"review_note" text,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "party_system_checks_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
ALTER TABLE "party_activities" ADD CONSTRAINT "party_activities_district_id_party_org_id_party_orgs_district_id_id_fk" FOREIGN KEY ("district_id","party_org_id") REFERENCES "party_orgs"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_assessments" ADD CONSTRAINT "party_assessments_district_id_party_org_id_party_orgs_district_id_id_fk" FOREIGN KEY ("district_id","party_org_id") REFERENCES "party_orgs"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_assessments" ADD CONSTRAINT "party_assessments_district_id_member_id_party_members_district_id_id_fk" FOREIGN KEY ("district_id","member_id") REFERENCES "party_members"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_attendance" ADD CONSTRAINT "party_attendance_district_id_activity_id_party_activities_district_id_id_fk" FOREIGN KEY ("district_id","activity_id") REFERENCES "party_activities"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_attendance" ADD CONSTRAINT "party_attendance_district_id_member_id_party_members_district_id_id_fk" FOREIGN KEY ("district_id","member_id") REFERENCES "party_members"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_system_checks" ADD CONSTRAINT "party_system_checks_district_id_party_org_id_party_orgs_district_id_id_fk" FOREIGN KEY ("district_id","party_org_id") REFERENCES "party_orgs"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "party_activities_org_idx" ON "party_activities" USING btree ("district_id","party_org_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "party_assessments_uq" ON "party_assessments" USING btree ("district_id","party_org_id","year","subject");--> statement-breakpoint
CREATE INDEX "party_attendance_member_idx" ON "party_attendance" USING btree ("district_id","member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "party_system_checks_uq" ON "party_system_checks" USING btree ("district_id","party_org_id","year","item_key");