CREATE TABLE "visit_campaigns" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"title" text NOT NULL,
	"org_unit_id" text NOT NULL,
	"org_path" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"partners" text[] DEFAULT '{}' NOT NULL,
	"note" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visit_campaigns_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "visit_needs" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"visit_id" text NOT NULL,
	"content" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"work_order_id" text,
	"referred_to" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visit_needs_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"campaign_id" text NOT NULL,
	"person_id" text NOT NULL,
	"org_path" text NOT NULL,
	"kind" text NOT NULL,
	"visited_on" date NOT NULL,
	"visitors" text[] NOT NULL,
	"partners" text[] DEFAULT '{}' NOT NULL,
	"goods" jsonb NOT NULL,
	"goods_yuan" integer DEFAULT 0 NOT NULL,
	"money_yuan" integer DEFAULT 0 NOT NULL,
	"situation" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visits_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
ALTER TABLE "visit_campaigns" ADD CONSTRAINT "visit_campaigns_district_id_org_unit_id_org_units_district_id_id_fk" FOREIGN KEY ("district_id","org_unit_id") REFERENCES "org_units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_needs" ADD CONSTRAINT "visit_needs_district_id_visit_id_visits_district_id_id_fk" FOREIGN KEY ("district_id","visit_id") REFERENCES "visits"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_needs" ADD CONSTRAINT "visit_needs_district_id_work_order_id_work_orders_district_id_id_fk" FOREIGN KEY ("district_id","work_order_id") REFERENCES "work_orders"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_district_id_campaign_id_visit_campaigns_district_id_id_fk" FOREIGN KEY ("district_id","campaign_id") REFERENCES "visit_campaigns"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_district_id_person_id_people_district_id_id_fk" FOREIGN KEY ("district_id","person_id") REFERENCES "people"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "visit_campaigns_path_idx" ON "visit_campaigns" USING btree ("district_id","org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "visit_needs_visit_idx" ON "visit_needs" USING btree ("district_id","visit_id");--> statement-breakpoint
CREATE INDEX "visits_campaign_idx" ON "visits" USING btree ("district_id","campaign_id","visited_on");--> statement-breakpoint
CREATE INDEX "visits_path_idx" ON "visits" USING btree ("district_id","org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "visits_person_idx" ON "visits" USING btree ("district_id","person_id");