CREATE TABLE "dispatch_catalogue_entries" (
	"district_id" text NOT NULL,
	"version_id" text NOT NULL,
	"category_id" text NOT NULL,
	"handlers" jsonb NOT NULL,
	"handle_days" integer NOT NULL,
	CONSTRAINT "dispatch_catalogue_entries_district_id_version_id_category_id_pk" PRIMARY KEY("district_id","version_id","category_id")
);
--> statement-breakpoint
CREATE TABLE "dispatch_catalogue_versions" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"effective_from" date NOT NULL,
	"reason" text NOT NULL,
	"created_by" text,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dispatch_catalogue_versions_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
ALTER TABLE "dispatch_catalogue_entries" ADD CONSTRAINT "dispatch_catalogue_entries_district_id_version_id_dispatch_catalogue_versions_district_id_id_fk" FOREIGN KEY ("district_id","version_id") REFERENCES "dispatch_catalogue_versions"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dispatch_catalogue_versions_date_uq" ON "dispatch_catalogue_versions" USING btree ("district_id","effective_from");