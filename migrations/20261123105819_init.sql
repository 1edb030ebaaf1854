CREATE TABLE "branch_compounds" (
	"district_id" text NOT NULL,
	"compound_id" text NOT NULL,
	"branch_id" text NOT NULL,
	CONSTRAINT "branch_compounds_district_id_compound_id_pk" PRIMARY KEY("district_id","compound_id")
);
--> statement-breakpoint
CREATE TABLE "buildings" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"compound_id" text NOT NULL,
	"org_path" text NOT NULL,
	"name" text NOT NULL,
	"units" integer DEFAULT 1 NOT NULL,
	"floors" integer DEFAULT 1 NOT NULL,
	"address" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "buildings_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "districts" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"city_name" text NOT NULL,
	"province_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "org_units" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"parent_id" text,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"short_name" text NOT NULL,
	"name_pinyin" text NOT NULL,
	"path" text NOT NULL,
	"depth" integer NOT NULL,
	"address" text,
	"is_old" boolean,
	"is_renovated" boolean,
	"owners_committee" text,
	"property_company" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "org_units_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "party_orgs" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"parent_id" text,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"path" text NOT NULL,
	"org_unit_id" text NOT NULL,
	"org_path" text NOT NULL,
	"formation" text,
	"building_id" text,
	"secretary_person_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "party_orgs_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "stations" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"org_unit_id" text NOT NULL,
	"org_path" text NOT NULL,
	"party_org_id" text,
	"address" text,
	"opened_on" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stations_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "work_units" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"is_functional_department" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "work_units_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "households" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"building_id" text NOT NULL,
	"compound_id" text NOT NULL,
	"org_path" text NOT NULL,
	"unit" text NOT NULL,
	"room" text NOT NULL,
	"party_group_id" text,
	"is_party_central" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "households_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "people" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"household_id" text,
	"org_path" text NOT NULL,
	"name" text NOT NULL,
	"name_pinyin" text NOT NULL,
	"name_initials" text NOT NULL,
	"gender" text NOT NULL,
	"birth_date" date NOT NULL,
	"id_cipher" text NOT NULL,
	"id_hash" text NOT NULL,
	"id_masked" text NOT NULL,
	"phone_cipher" text,
	"phone_masked" text,
	"relation" text DEFAULT 'head' NOT NULL,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"work_unit_id" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "people_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"district_id" text NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" text,
	"actor_role" text,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"detail" jsonb,
	"ip" text,
	CONSTRAINT "audit_log_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"district_id" text NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "users" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"org_unit_id" text NOT NULL,
	"work_unit_id" text,
	"person_id" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
ALTER TABLE "branch_compounds" ADD CONSTRAINT "branch_compounds_district_id_compound_id_org_units_district_id_id_fk" FOREIGN KEY ("district_id","compound_id") REFERENCES "org_units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "branch_compounds" ADD CONSTRAINT "branch_compounds_district_id_branch_id_party_orgs_district_id_id_fk" FOREIGN KEY ("district_id","branch_id") REFERENCES "party_orgs"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buildings" ADD CONSTRAINT "buildings_district_id_compound_id_org_units_district_id_id_fk" FOREIGN KEY ("district_id","compound_id") REFERENCES "org_units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_units" ADD CONSTRAINT "org_units_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_orgs" ADD CONSTRAINT "party_orgs_district_id_org_unit_id_org_units_district_id_id_fk" FOREIGN KEY ("district_id","org_unit_id") REFERENCES "org_units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stations" ADD CONSTRAINT "stations_district_id_org_unit_id_org_units_district_id_id_fk" FOREIGN KEY ("district_id","org_unit_id") REFERENCES "org_units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_district_id_building_id_buildings_district_id_id_fk" FOREIGN KEY ("district_id","building_id") REFERENCES "buildings"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_district_id_household_id_households_district_id_id_fk" FOREIGN KEY ("district_id","household_id") REFERENCES "households"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_district_id_org_unit_id_org_units_district_id_id_fk" FOREIGN KEY ("district_id","org_unit_id") REFERENCES "org_units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "branch_compounds_branch_idx" ON "branch_compounds" USING btree ("district_id","branch_id");--> statement-breakpoint
CREATE UNIQUE INDEX "buildings_compound_name_uq" ON "buildings" USING btree ("district_id","compound_id","name");--> statement-breakpoint
CREATE INDEX "buildings_path_idx" ON "buildings" USING btree ("district_id","org_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "org_units_path_uq" ON "org_units" USING btree ("district_id","path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "org_units_parent_idx" ON "org_units" USING btree ("district_id","parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "org_units_sibling_name_uq" ON "org_units" USING btree ("district_id","parent_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "party_orgs_path_uq" ON "party_orgs" USING btree ("district_id","path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "party_orgs_org_path_idx" ON "party_orgs" USING btree ("district_id","org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "stations_path_idx" ON "stations" USING btree ("district_id","org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "stations_party_idx" ON "stations" USING btree ("district_id","party_org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "work_units_name_uq" ON "work_units" USING btree ("district_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "households_room_uq" ON "households" USING btree ("district_id","building_id","unit","room");--> statement-breakpoint
CREATE INDEX "households_path_idx" ON "households" USING btree ("district_id","org_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "people_id_hash_uq" ON "people" USING btree ("district_id","id_hash");--> statement-breakpoint
CREATE INDEX "people_path_idx" ON "people" USING btree ("district_id","org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "people_name_idx" ON "people" USING btree ("district_id","name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "people_pinyin_idx" ON "people" USING btree ("district_id","name_pinyin" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "people_initials_idx" ON "people" USING btree ("district_id","name_initials" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "people_household_idx" ON "people" USING btree ("district_id","household_id");--> statement-breakpoint
CREATE INDEX "audit_entity_idx" ON "audit_log" USING btree ("district_id","entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_at_idx" ON "audit_log" USING btree ("district_id","at");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("district_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_uq" ON "users" USING btree ("username");