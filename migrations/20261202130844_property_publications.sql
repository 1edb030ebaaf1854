CREATE TABLE "property_publications" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"compound_id" text NOT NULL,
	"org_path" text NOT NULL,
	"company_id" text NOT NULL,
	"column" text NOT NULL,
	"title" text NOT NULL,
	"period" text,
	"content" text DEFAULT '' NOT NULL,
	"lines" jsonb NOT NULL,
	"income_total_cents" integer,
	"expense_total_cents" integer,
	"status" text DEFAULT 'submitted' NOT NULL,
	"return_reason" text,
	"submitted_by" text NOT NULL,
	"reviewed_by" text,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "property_publications_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
ALTER TABLE "property_publications" ADD CONSTRAINT "property_publications_district_id_compound_id_org_units_district_id_id_fk" FOREIGN KEY ("district_id","compound_id") REFERENCES "org_units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_publications" ADD CONSTRAINT "property_publications_district_id_company_id_property_companies_district_id_id_fk" FOREIGN KEY ("district_id","company_id") REFERENCES "property_companies"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "property_publications_compound_idx" ON "property_publications" USING btree ("district_id","compound_id","status");--> statement-breakpoint
CREATE INDEX "property_publications_path_idx" ON "property_publications" USING btree ("district_id","org_path" text_pattern_ops);