CREATE TABLE "minor_case_events" (
	"district_id" text NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "minor_case_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"case_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" text,
	"actor_name" text NOT NULL,
	"type" text NOT NULL,
	"note_cipher" text,
	"data" jsonb,
	CONSTRAINT "minor_case_events_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "minor_cases" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"case_no" text NOT NULL,
	"person_id" text,
	"org_path" text NOT NULL,
	"street_id" text NOT NULL,
	"community_id" text NOT NULL,
	"categories" text[] NOT NULL,
	"risk_level" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"worker_user_id" text,
	"gender" text NOT NULL,
	"birth_year" integer NOT NULL,
	"name_cipher" text NOT NULL,
	"name_masked" text NOT NULL,
	"id_cipher" text,
	"id_masked" text,
	"address_cipher" text,
	"guardians_cipher" text,
	"health_cipher" text,
	"assessment_cipher" text,
	"needs" text[] DEFAULT '{}' NOT NULL,
	"plan_cipher" text,
	"opened_on" date NOT NULL,
	"last_visit_on" date,
	"next_visit_due" date,
	"escalated_for_due" date,
	"closed_at" timestamp with time zone,
	"closure_reason_cipher" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "minor_cases_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "minor_categories" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"visit_days_low" integer NOT NULL,
	"visit_days_medium" integer NOT NULL,
	"visit_days_high" integer NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "minor_categories_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "minor_consents" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"case_id" text NOT NULL,
	"guardian_cipher" text NOT NULL,
	"given_on" date NOT NULL,
	"scope_cipher" text NOT NULL,
	"recorded_by" text NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "minor_consents_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "minor_referrals" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"case_id" text NOT NULL,
	"receiver_kind" text NOT NULL,
	"work_unit_id" text,
	"receiver_user_id" text,
	"receiver_name" text NOT NULL,
	"request_cipher" text NOT NULL,
	"consent_id" text,
	"override_reason_cipher" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"ack_due_at" timestamp with time zone NOT NULL,
	"ack_escalated_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" text,
	"report_cipher" text,
	"reported_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "minor_referrals_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "minor_services" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"case_id" text NOT NULL,
	"kind" text NOT NULL,
	"served_on" date NOT NULL,
	"worker_user_id" text,
	"worker_name" text NOT NULL,
	"outcome_cipher" text NOT NULL,
	"visit_cipher" text,
	"safety_concern" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "minor_services_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "minor_stations" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"street_id" text NOT NULL,
	"org_path" text NOT NULL,
	"name" text NOT NULL,
	"operator" text,
	"opened_on" date,
	"checklist" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "minor_stations_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
ALTER TABLE "minor_case_events" ADD CONSTRAINT "minor_case_events_district_id_case_id_minor_cases_district_id_id_fk" FOREIGN KEY ("district_id","case_id") REFERENCES "minor_cases"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minor_consents" ADD CONSTRAINT "minor_consents_district_id_case_id_minor_cases_district_id_id_fk" FOREIGN KEY ("district_id","case_id") REFERENCES "minor_cases"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minor_referrals" ADD CONSTRAINT "minor_referrals_district_id_case_id_minor_cases_district_id_id_fk" FOREIGN KEY ("district_id","case_id") REFERENCES "minor_cases"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minor_services" ADD CONSTRAINT "minor_services_district_id_case_id_minor_cases_district_id_id_fk" FOREIGN KEY ("district_id","case_id") REFERENCES "minor_cases"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "minor_case_events_case_idx" ON "minor_case_events" USING btree ("district_id","case_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "minor_cases_no_uq" ON "minor_cases" USING btree ("district_id","case_no");--> statement-breakpoint
CREATE UNIQUE INDEX "minor_cases_person_uq" ON "minor_cases" USING btree ("district_id","person_id");--> statement-breakpoint
CREATE INDEX "minor_cases_path_idx" ON "minor_cases" USING btree ("district_id","org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "minor_cases_due_idx" ON "minor_cases" USING btree ("district_id","next_visit_due");--> statement-breakpoint
CREATE INDEX "minor_cases_worker_idx" ON "minor_cases" USING btree ("district_id","worker_user_id");--> statement-breakpoint
CREATE INDEX "minor_consents_case_idx" ON "minor_consents" USING btree ("district_id","case_id");--> statement-breakpoint
CREATE INDEX "minor_referrals_case_idx" ON "minor_referrals" USING btree ("district_id","case_id");--> statement-breakpoint
CREATE INDEX "minor_referrals_unit_idx" ON "minor_referrals" USING btree ("district_id","work_unit_id","status");--> statement-breakpoint
CREATE INDEX "minor_referrals_user_idx" ON "minor_referrals" USING btree ("district_id","receiver_user_id","status");--> statement-breakpoint
CREATE INDEX "minor_referrals_due_idx" ON "minor_referrals" USING btree ("district_id","status","ack_due_at");--> statement-breakpoint
CREATE INDEX "minor_services_case_idx" ON "minor_services" USING btree ("district_id","case_id","served_on");--> statement-breakpoint
CREATE UNIQUE INDEX "minor_stations_street_uq" ON "minor_stations" USING btree ("district_id","street_id");