CREATE TABLE "user_grant_settings" (
	"district_id" text PRIMARY KEY NOT NULL,
	"minor_granter_roles" text[] DEFAULT '{}' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
CREATE TABLE "user_grants" (
	"district_id" text NOT NULL,
	"granter_role" text NOT NULL,
	"target_role" text NOT NULL,
	"unit_kind" text NOT NULL,
	"may_create" boolean DEFAULT false NOT NULL,
	"may_reset" boolean DEFAULT false NOT NULL,
	"may_disable" boolean DEFAULT false NOT NULL,
	CONSTRAINT "user_grants_district_id_granter_role_target_role_unit_kind_pk" PRIMARY KEY("district_id","granter_role","target_role","unit_kind")
);
