CREATE TABLE "assessment_configs" (
	"district_id" text NOT NULL,
	"year" integer NOT NULL,
	"items" jsonb NOT NULL,
	"grades" jsonb NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "assessment_configs_district_id_year_pk" PRIMARY KEY("district_id","year")
);
--> statement-breakpoint
CREATE TABLE "compound_reports" (
	"district_id" text NOT NULL,
	"person_id" text NOT NULL,
	"kind" text NOT NULL,
	"compound_id" text NOT NULL,
	"org_path" text NOT NULL,
	"work_unit_id" text,
	"reported_on" date NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "compound_reports_district_id_person_id_pk" PRIMARY KEY("district_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "love_supermarket_items" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"station_id" text NOT NULL,
	"name" text NOT NULL,
	"points_cost" integer NOT NULL,
	"stock" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "love_supermarket_items_district_id_id_pk" PRIMARY KEY("district_id","id"),
	CONSTRAINT "love_items_ck" CHECK ("love_supermarket_items"."stock" >= 0 and "love_supermarket_items"."points_cost" > 0)
);
--> statement-breakpoint
CREATE TABLE "points_accounts" (
	"district_id" text NOT NULL,
	"person_id" text NOT NULL,
	"balance" integer DEFAULT 0 NOT NULL,
	"earned_total" integer DEFAULT 0 NOT NULL,
	"redeemed_total" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "points_accounts_district_id_person_id_pk" PRIMARY KEY("district_id","person_id"),
	CONSTRAINT "points_accounts_balance_ck" CHECK ("points_accounts"."balance" >= 0)
);
--> statement-breakpoint
CREATE TABLE "points_ledger" (
	"district_id" text NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "points_ledger_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"person_id" text NOT NULL,
	"delta" integer NOT NULL,
	"balance_after" integer NOT NULL,
	"kind" text NOT NULL,
	"source_type" text NOT NULL,
	"source_id" text NOT NULL,
	"station_id" text,
	"note" text,
	"actor_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "points_ledger_district_id_id_pk" PRIMARY KEY("district_id","id"),
	CONSTRAINT "points_ledger_balance_ck" CHECK ("points_ledger"."balance_after" >= 0 and "points_ledger"."delta" <> 0)
);
--> statement-breakpoint
CREATE TABLE "service_records" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"person_id" text NOT NULL,
	"org_unit_id" text NOT NULL,
	"org_path" text NOT NULL,
	"work_unit_id" text,
	"source" text NOT NULL,
	"source_id" text,
	"title" text NOT NULL,
	"served_on" date NOT NULL,
	"hours" numeric(5, 2) NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"confirmed_by" text,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_records_district_id_id_pk" PRIMARY KEY("district_id","id"),
	CONSTRAINT "service_records_hours_ck" CHECK ("service_records"."hours" > 0 and "service_records"."hours" <= 24)
);
--> statement-breakpoint
CREATE TABLE "service_tasks" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"compound_id" text NOT NULL,
	"org_path" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"work_order_id" text,
	"hours_estimate" numeric(5, 2),
	"status" text DEFAULT 'open' NOT NULL,
	"claimed_by" text,
	"claimed_at" timestamp with time zone,
	"done_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "service_tasks_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "volunteer_activities" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"team_id" text,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"org_unit_id" text NOT NULL,
	"org_path" text NOT NULL,
	"station_id" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer DEFAULT 30 NOT NULL,
	"points_per_hour" integer DEFAULT 10 NOT NULL,
	"qr_nonce" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_activities_district_id_id_pk" PRIMARY KEY("district_id","id"),
	CONSTRAINT "volunteer_activities_window_ck" CHECK ("volunteer_activities"."ends_at" > "volunteer_activities"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "volunteer_signups" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"activity_id" text NOT NULL,
	"person_id" text NOT NULL,
	"org_path" text NOT NULL,
	"status" text DEFAULT 'signed_up' NOT NULL,
	"signed_up_at" timestamp with time zone DEFAULT now() NOT NULL,
	"checked_in_at" timestamp with time zone,
	"checked_out_at" timestamp with time zone,
	"hours" numeric(5, 2),
	"service_record_id" text,
	CONSTRAINT "volunteer_signups_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "volunteer_team_members" (
	"district_id" text NOT NULL,
	"team_id" text NOT NULL,
	"person_id" text NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_team_members_district_id_team_id_person_id_pk" PRIMARY KEY("district_id","team_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "volunteer_teams" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"org_unit_id" text NOT NULL,
	"org_path" text NOT NULL,
	"party_org_id" text,
	"leader_person_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_teams_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "job_matches" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"posting_id" text NOT NULL,
	"seeker_id" text NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "job_matches_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "job_postings" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"station_id" text NOT NULL,
	"org_path" text NOT NULL,
	"title" text NOT NULL,
	"employer" text NOT NULL,
	"skills" text[] DEFAULT '{}' NOT NULL,
	"positions" integer DEFAULT 1 NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "job_postings_district_id_id_pk" PRIMARY KEY("district_id","id"),
	CONSTRAINT "job_postings_ck" CHECK ("job_postings"."positions" > 0)
);
--> statement-breakpoint
CREATE TABLE "job_seekers" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"station_id" text NOT NULL,
	"org_path" text NOT NULL,
	"person_id" text,
	"name" text NOT NULL,
	"phone_cipher" text,
	"phone_masked" text,
	"skills" text[] DEFAULT '{}' NOT NULL,
	"status" text DEFAULT 'seeking' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "job_seekers_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "love_corners" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"station_id" text NOT NULL,
	"shop_name" text NOT NULL,
	"address" text,
	"offers" text[] DEFAULT '{}' NOT NULL,
	CONSTRAINT "love_corners_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "place_locations" (
	"district_id" text NOT NULL,
	"kind" text NOT NULL,
	"entity_id" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	CONSTRAINT "place_locations_district_id_kind_entity_id_pk" PRIMARY KEY("district_id","kind","entity_id"),
	CONSTRAINT "place_locations_ck" CHECK ("place_locations"."lat" between -90 and 90 and "place_locations"."lng" between -180 and 180)
);
--> statement-breakpoint
CREATE TABLE "rider_demands" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"meeting_id" text NOT NULL,
	"difficulty" text NOT NULL,
	"content" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"answer" text,
	"work_order_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rider_demands_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "rider_meetings" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"station_id" text NOT NULL,
	"org_path" text NOT NULL,
	"held_on" date NOT NULL,
	"attendees" integer DEFAULT 0 NOT NULL,
	"minutes" text DEFAULT '' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rider_meetings_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "station_services" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"station_id" text NOT NULL,
	"category" text NOT NULL,
	"name" text NOT NULL,
	"schedule" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "station_services_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "canteen_deliveries" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"station_id" text NOT NULL,
	"org_path" text NOT NULL,
	"person_id" text NOT NULL,
	"served_on" date NOT NULL,
	"meal" text NOT NULL,
	"address" text NOT NULL,
	"status" text DEFAULT 'ordered' NOT NULL,
	"meal_id" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "canteen_deliveries_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "canteen_meals" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"station_id" text NOT NULL,
	"org_path" text NOT NULL,
	"person_id" text,
	"served_on" date NOT NULL,
	"meal" text NOT NULL,
	"price_cents" integer NOT NULL,
	"subsidy_cents" integer DEFAULT 0 NOT NULL,
	"rule_id" text,
	"category" text,
	"is_delivery" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "canteen_meals_district_id_id_pk" PRIMARY KEY("district_id","id"),
	CONSTRAINT "canteen_meals_ck" CHECK ("canteen_meals"."subsidy_cents" >= 0 and "canteen_meals"."subsidy_cents" <= "canteen_meals"."price_cents")
);
--> statement-breakpoint
CREATE TABLE "canteen_menu_items" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"station_id" text NOT NULL,
	"name" text NOT NULL,
	"meal" text NOT NULL,
	"price_cents" integer NOT NULL,
	"is_silver" boolean DEFAULT false NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "canteen_menu_items_district_id_id_pk" PRIMARY KEY("district_id","id"),
	CONSTRAINT "canteen_menu_ck" CHECK ("canteen_menu_items"."price_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "canteen_settlements" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"station_id" text NOT NULL,
	"month" text NOT NULL,
	"meals" integer NOT NULL,
	"subsidised_meals" integer NOT NULL,
	"diners" integer NOT NULL,
	"revenue_cents" bigint NOT NULL,
	"subsidy_cents" bigint NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "canteen_settlements_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "canteen_subsidy_rules" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"category" text NOT NULL,
	"label" text NOT NULL,
	"min_age" integer,
	"max_age" integer,
	"mode" text NOT NULL,
	"value" integer DEFAULT 0 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "canteen_subsidy_rules_district_id_id_pk" PRIMARY KEY("district_id","id"),
	CONSTRAINT "canteen_rules_ck" CHECK ("canteen_subsidy_rules"."value" >= 0 and ("canteen_subsidy_rules"."mode" <> 'percent' or "canteen_subsidy_rules"."value" <= 100))
);
--> statement-breakpoint
ALTER TABLE "compound_reports" ADD CONSTRAINT "compound_reports_district_id_compound_id_org_units_district_id_id_fk" FOREIGN KEY ("district_id","compound_id") REFERENCES "org_units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_records" ADD CONSTRAINT "service_records_district_id_org_unit_id_org_units_district_id_id_fk" FOREIGN KEY ("district_id","org_unit_id") REFERENCES "org_units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_tasks" ADD CONSTRAINT "service_tasks_district_id_compound_id_org_units_district_id_id_fk" FOREIGN KEY ("district_id","compound_id") REFERENCES "org_units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_activities" ADD CONSTRAINT "volunteer_activities_district_id_org_unit_id_org_units_district_id_id_fk" FOREIGN KEY ("district_id","org_unit_id") REFERENCES "org_units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_signups" ADD CONSTRAINT "volunteer_signups_district_id_activity_id_volunteer_activities_district_id_id_fk" FOREIGN KEY ("district_id","activity_id") REFERENCES "volunteer_activities"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_team_members" ADD CONSTRAINT "volunteer_team_members_district_id_team_id_volunteer_teams_district_id_id_fk" FOREIGN KEY ("district_id","team_id") REFERENCES "volunteer_teams"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_teams" ADD CONSTRAINT "volunteer_teams_district_id_org_unit_id_org_units_district_id_id_fk" FOREIGN KEY ("district_id","org_unit_id") REFERENCES "org_units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "compound_reports_path_idx" ON "compound_reports" USING btree ("district_id","org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "compound_reports_unit_idx" ON "compound_reports" USING btree ("district_id","work_unit_id");--> statement-breakpoint
CREATE INDEX "love_items_station_idx" ON "love_supermarket_items" USING btree ("district_id","station_id");--> statement-breakpoint
CREATE INDEX "points_ledger_person_idx" ON "points_ledger" USING btree ("district_id","person_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "points_ledger_award_uq" ON "points_ledger" USING btree ("district_id","source_type","source_id") WHERE kind = 'earn';--> statement-breakpoint
CREATE INDEX "service_records_person_idx" ON "service_records" USING btree ("district_id","person_id","served_on");--> statement-breakpoint
CREATE INDEX "service_records_path_idx" ON "service_records" USING btree ("district_id","org_path" text_pattern_ops,"served_on");--> statement-breakpoint
CREATE UNIQUE INDEX "service_records_source_uq" ON "service_records" USING btree ("district_id","source","source_id","person_id");--> statement-breakpoint
CREATE INDEX "service_tasks_path_idx" ON "service_tasks" USING btree ("district_id","org_path" text_pattern_ops,"status");--> statement-breakpoint
CREATE UNIQUE INDEX "service_tasks_order_uq" ON "service_tasks" USING btree ("district_id","work_order_id") WHERE work_order_id is not null and status <> 'cancelled';--> statement-breakpoint
CREATE INDEX "volunteer_activities_path_idx" ON "volunteer_activities" USING btree ("district_id","org_path" text_pattern_ops,"starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_signups_person_uq" ON "volunteer_signups" USING btree ("district_id","activity_id","person_id");--> statement-breakpoint
CREATE INDEX "volunteer_signups_person_idx" ON "volunteer_signups" USING btree ("district_id","person_id");--> statement-breakpoint
CREATE INDEX "volunteer_team_members_person_idx" ON "volunteer_team_members" USING btree ("district_id","person_id");--> statement-breakpoint
CREATE INDEX "volunteer_teams_path_idx" ON "volunteer_teams" USING btree ("district_id","org_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "job_matches_uq" ON "job_matches" USING btree ("district_id","posting_id","seeker_id");--> statement-breakpoint
CREATE INDEX "job_postings_path_idx" ON "job_postings" USING btree ("district_id","org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "job_seekers_path_idx" ON "job_seekers" USING btree ("district_id","org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "love_corners_station_idx" ON "love_corners" USING btree ("district_id","station_id");--> statement-breakpoint
CREATE INDEX "rider_demands_meeting_idx" ON "rider_demands" USING btree ("district_id","meeting_id");--> statement-breakpoint
CREATE INDEX "rider_meetings_path_idx" ON "rider_meetings" USING btree ("district_id","org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "station_services_station_idx" ON "station_services" USING btree ("district_id","station_id");--> statement-breakpoint
CREATE INDEX "canteen_deliveries_station_idx" ON "canteen_deliveries" USING btree ("district_id","station_id","served_on");--> statement-breakpoint
CREATE INDEX "canteen_meals_station_idx" ON "canteen_meals" USING btree ("district_id","station_id","served_on");--> statement-breakpoint
CREATE UNIQUE INDEX "canteen_meals_claim_uq" ON "canteen_meals" USING btree ("district_id","person_id","served_on","meal") WHERE subsidy_cents > 0;--> statement-breakpoint
CREATE INDEX "canteen_menu_station_idx" ON "canteen_menu_items" USING btree ("district_id","station_id");--> statement-breakpoint
CREATE UNIQUE INDEX "canteen_settlements_uq" ON "canteen_settlements" USING btree ("district_id","station_id","month");