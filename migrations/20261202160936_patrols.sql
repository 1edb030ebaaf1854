CREATE TABLE "patrol_compounds" (
	"district_id" text NOT NULL,
	"patrol_id" text NOT NULL,
	"compound_id" text NOT NULL,
	CONSTRAINT "patrol_compounds_district_id_patrol_id_compound_id_pk" PRIMARY KEY("district_id","patrol_id","compound_id")
);
--> statement-breakpoint
CREATE TABLE "patrol_findings" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"patrol_id" text NOT NULL,
	"compound_id" text NOT NULL,
	"building_id" text,
	"category_id" text NOT NULL,
	"description" text NOT NULL,
	"outcome" text NOT NULL,
	"resolution" text,
	"order_id" text,
	"photo_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"location" text,
	"created_by" text NOT NULL,
	"idempotency_key" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "patrol_findings_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "patrols" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"org_path" text NOT NULL,
	"worker_user_id" text NOT NULL,
	"worker_name" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"route_note" text DEFAULT '' NOT NULL,
	"start_location" text,
	"end_location" text,
	CONSTRAINT "patrols_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
ALTER TABLE "patrol_compounds" ADD CONSTRAINT "patrol_compounds_district_id_patrol_id_patrols_district_id_id_fk" FOREIGN KEY ("district_id","patrol_id") REFERENCES "patrols"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_compounds" ADD CONSTRAINT "patrol_compounds_district_id_compound_id_org_units_district_id_id_fk" FOREIGN KEY ("district_id","compound_id") REFERENCES "org_units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_findings" ADD CONSTRAINT "patrol_findings_district_id_patrol_id_patrols_district_id_id_fk" FOREIGN KEY ("district_id","patrol_id") REFERENCES "patrols"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_findings" ADD CONSTRAINT "patrol_findings_district_id_compound_id_org_units_district_id_id_fk" FOREIGN KEY ("district_id","compound_id") REFERENCES "org_units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_findings" ADD CONSTRAINT "patrol_findings_district_id_order_id_work_orders_district_id_id_fk" FOREIGN KEY ("district_id","order_id") REFERENCES "work_orders"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "patrol_compounds_compound_idx" ON "patrol_compounds" USING btree ("district_id","compound_id");--> statement-breakpoint
CREATE INDEX "patrol_findings_patrol_idx" ON "patrol_findings" USING btree ("district_id","patrol_id","created_at");--> statement-breakpoint
CREATE INDEX "patrol_findings_compound_idx" ON "patrol_findings" USING btree ("district_id","compound_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "patrol_findings_order_uq" ON "patrol_findings" USING btree ("district_id","order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "patrol_findings_key_uq" ON "patrol_findings" USING btree ("district_id","created_by","idempotency_key");--> statement-breakpoint
CREATE INDEX "patrols_worker_idx" ON "patrols" USING btree ("district_id","worker_user_id","started_at");--> statement-breakpoint
CREATE INDEX "patrols_path_idx" ON "patrols" USING btree ("district_id","org_path","started_at");