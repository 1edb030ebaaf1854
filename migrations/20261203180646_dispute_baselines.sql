CREATE TABLE "dispute_baselines" (
	"district_id" text NOT NULL,
	"org_unit_id" text NOT NULL,
	"counted_from" date NOT NULL,
	"counted_until" date NOT NULL,
	"count" integer NOT NULL,
	"source" text NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dispute_baselines_district_id_org_unit_id_counted_from_pk" PRIMARY KEY("district_id","org_unit_id","counted_from")
);
--> statement-breakpoint
ALTER TABLE "dispute_baselines" ADD CONSTRAINT "dispute_baselines_district_id_org_unit_id_org_units_district_id_id_fk" FOREIGN KEY ("district_id","org_unit_id") REFERENCES "org_units"("district_id","id") ON DELETE no action ON UPDATE no action;