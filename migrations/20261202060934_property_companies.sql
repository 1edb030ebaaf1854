CREATE TABLE "property_companies" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"credit_code" text NOT NULL,
	"qualification" text DEFAULT 'none' NOT NULL,
	"contact_name" text,
	"contact_phone" text,
	"address" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "property_companies_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "property_contracts" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"company_id" text NOT NULL,
	"compound_id" text NOT NULL,
	"org_path" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"fee_standard" text NOT NULL,
	"fee_cents_per_sqm" integer,
	"scope" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"ended_on" date,
	"end_reason" text,
	"end_note" text,
	"created_by" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "property_contracts_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
ALTER TABLE "property_companies" ADD CONSTRAINT "property_companies_district_id_id_work_units_district_id_id_fk" FOREIGN KEY ("district_id","id") REFERENCES "work_units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_contracts" ADD CONSTRAINT "property_contracts_district_id_company_id_property_companies_district_id_id_fk" FOREIGN KEY ("district_id","company_id") REFERENCES "property_companies"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_contracts" ADD CONSTRAINT "property_contracts_district_id_compound_id_org_units_district_id_id_fk" FOREIGN KEY ("district_id","compound_id") REFERENCES "org_units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "property_companies_credit_uq" ON "property_companies" USING btree ("district_id","credit_code");--> statement-breakpoint
CREATE UNIQUE INDEX "property_contracts_active_uq" ON "property_contracts" USING btree ("district_id","compound_id") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "property_contracts_company_idx" ON "property_contracts" USING btree ("district_id","company_id","status");--> statement-breakpoint
CREATE INDEX "property_contracts_path_idx" ON "property_contracts" USING btree ("district_id","org_path" text_pattern_ops);