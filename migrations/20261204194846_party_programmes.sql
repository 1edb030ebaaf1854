CREATE TABLE "party_demonstration_sites" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"name" text NOT NULL,
	"org_unit_id" text NOT NULL,
	"org_path" text NOT NULL,
	"party_org_id" text,
	"station_id" text,
	"level" text NOT NULL,
	"year" integer NOT NULL,
	"programme_id" text,
	"note" text DEFAULT '' NOT NULL,
	"designated_by" text,
	"revoked_at" timestamp with time zone,
	"revoked_by" text,
	"revoke_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "party_demonstration_sites_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "party_programme_progress" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"programme_id" text NOT NULL,
	"indicator_key" text,
	"happened_on" date NOT NULL,
	"note" text NOT NULL,
	"value" double precision,
	"org_unit_id" text NOT NULL,
	"org_path" text NOT NULL,
	"unit_ids" text[] DEFAULT '{}' NOT NULL,
	"unit_paths" text[] DEFAULT '{}' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "party_programme_progress_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "party_programmes" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"year" integer NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"lead_unit" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"indicators" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "party_programmes_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
ALTER TABLE "party_demonstration_sites" ADD CONSTRAINT "party_demonstration_sites_district_id_org_unit_id_org_units_district_id_id_fk" FOREIGN KEY ("district_id","org_unit_id") REFERENCES "org_units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_demonstration_sites" ADD CONSTRAINT "party_demonstration_sites_district_id_party_org_id_party_orgs_district_id_id_fk" FOREIGN KEY ("district_id","party_org_id") REFERENCES "party_orgs"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_demonstration_sites" ADD CONSTRAINT "party_demonstration_sites_district_id_station_id_stations_district_id_id_fk" FOREIGN KEY ("district_id","station_id") REFERENCES "stations"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_demonstration_sites" ADD CONSTRAINT "party_demonstration_sites_district_id_programme_id_party_programmes_district_id_id_fk" FOREIGN KEY ("district_id","programme_id") REFERENCES "party_programmes"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_programme_progress" ADD CONSTRAINT "party_programme_progress_district_id_programme_id_party_programmes_district_id_id_fk" FOREIGN KEY ("district_id","programme_id") REFERENCES "party_programmes"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_programme_progress" ADD CONSTRAINT "party_programme_progress_district_id_org_unit_id_org_units_district_id_id_fk" FOREIGN KEY ("district_id","org_unit_id") REFERENCES "org_units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "party_demonstration_sites_subject_year_uq" ON "party_demonstration_sites" USING btree ("district_id","subject_kind","subject_id","year") WHERE revoked_at is null;--> statement-breakpoint
CREATE INDEX "party_demonstration_sites_path_idx" ON "party_demonstration_sites" USING btree ("district_id","org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "party_programme_progress_programme_idx" ON "party_programme_progress" USING btree ("district_id","programme_id","happened_on");--> statement-breakpoint
CREATE INDEX "party_programme_progress_path_idx" ON "party_programme_progress" USING btree ("district_id","org_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "party_programmes_year_key_uq" ON "party_programmes" USING btree ("district_id","year","key");