CREATE TABLE "compound_renovations" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"compound_id" text NOT NULL,
	"org_path" text NOT NULL,
	"year" integer NOT NULL,
	"items" jsonb NOT NULL,
	"investment_yuan" bigint DEFAULT 0 NOT NULL,
	"implementer" text NOT NULL,
	"status" text NOT NULL,
	"started_on" date,
	"completed_on" date,
	"note" text DEFAULT '' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "compound_renovations_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
ALTER TABLE "compound_renovations" ADD CONSTRAINT "compound_renovations_district_id_compound_id_org_units_district_id_id_fk" FOREIGN KEY ("district_id","compound_id") REFERENCES "org_units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "compound_renovations_compound_idx" ON "compound_renovations" USING btree ("district_id","compound_id");--> statement-breakpoint
CREATE INDEX "compound_renovations_path_idx" ON "compound_renovations" USING btree ("district_id","org_path" text_pattern_ops);