CREATE TABLE "property_evaluation_schemes" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"org_unit_id" text NOT NULL,
	"org_path" text NOT NULL,
	"year" integer NOT NULL,
	"items" jsonb NOT NULL,
	"residents_weight" integer NOT NULL,
	"branch_weight" integer NOT NULL,
	"committee_weight" integer NOT NULL,
	"bottom_count" integer DEFAULT 3 NOT NULL,
	"score_line" integer,
	"created_by" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "property_evaluation_schemes_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "property_evaluations" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"scheme_id" text NOT NULL,
	"year" integer NOT NULL,
	"compound_id" text NOT NULL,
	"org_path" text NOT NULL,
	"company_id" text NOT NULL,
	"contract_id" text NOT NULL,
	"consultation_id" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"branch_scores" jsonb,
	"branch_by" text,
	"committee_scores" jsonb,
	"committee_by" text,
	"resident_items" jsonb,
	"ballots" integer,
	"residents_score" integer,
	"branch_score" integer,
	"committee_score" integer,
	"total" integer,
	"opened_by" text NOT NULL,
	"published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "property_evaluations_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
ALTER TABLE "property_evaluation_schemes" ADD CONSTRAINT "property_evaluation_schemes_district_id_org_unit_id_org_units_district_id_id_fk" FOREIGN KEY ("district_id","org_unit_id") REFERENCES "org_units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_evaluations" ADD CONSTRAINT "property_evaluations_district_id_scheme_id_property_evaluation_schemes_district_id_id_fk" FOREIGN KEY ("district_id","scheme_id") REFERENCES "property_evaluation_schemes"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_evaluations" ADD CONSTRAINT "property_evaluations_district_id_compound_id_org_units_district_id_id_fk" FOREIGN KEY ("district_id","compound_id") REFERENCES "org_units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_evaluations" ADD CONSTRAINT "property_evaluations_district_id_company_id_property_companies_district_id_id_fk" FOREIGN KEY ("district_id","company_id") REFERENCES "property_companies"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_evaluations" ADD CONSTRAINT "property_evaluations_district_id_contract_id_property_contracts_district_id_id_fk" FOREIGN KEY ("district_id","contract_id") REFERENCES "property_contracts"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_evaluations" ADD CONSTRAINT "property_evaluations_district_id_consultation_id_consultations_district_id_id_fk" FOREIGN KEY ("district_id","consultation_id") REFERENCES "consultations"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "property_evaluation_schemes_unit_year_uq" ON "property_evaluation_schemes" USING btree ("district_id","org_unit_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "property_evaluations_compound_year_uq" ON "property_evaluations" USING btree ("district_id","compound_id","year");--> statement-breakpoint
CREATE INDEX "property_evaluations_path_idx" ON "property_evaluations" USING btree ("district_id","year","org_path" text_pattern_ops);