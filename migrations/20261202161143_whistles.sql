CREATE TABLE "whistle_summons" (
	"district_id" text NOT NULL,
	"whistle_id" text NOT NULL,
	"work_unit_id" text NOT NULL,
	"checked_in_at" timestamp with time zone,
	"checked_in_by" text,
	"checked_in_by_name" text,
	"check_in_note" text,
	"action" text,
	"action_at" timestamp with time zone,
	"rating" text,
	"rating_comment" text,
	"rated_at" timestamp with time zone,
	CONSTRAINT "whistle_summons_district_id_whistle_id_work_unit_id_pk" PRIMARY KEY("district_id","whistle_id","work_unit_id")
);
--> statement-breakpoint
CREATE TABLE "whistles" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"title" text NOT NULL,
	"problem" text NOT NULL,
	"reason" text NOT NULL,
	"compound_id" text NOT NULL,
	"org_path" text NOT NULL,
	"order_id" text,
	"owner_unit_id" text NOT NULL,
	"owner_path" text NOT NULL,
	"owner_name" text NOT NULL,
	"on_site_at" timestamp with time zone NOT NULL,
	"grace_minutes" integer NOT NULL,
	"status" text NOT NULL,
	"opened_by" text,
	"opened_by_name" text NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_by" text,
	"closed_by_name" text,
	"closed_at" timestamp with time zone,
	"close_note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "whistles_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
ALTER TABLE "whistle_summons" ADD CONSTRAINT "whistle_summons_district_id_whistle_id_whistles_district_id_id_fk" FOREIGN KEY ("district_id","whistle_id") REFERENCES "whistles"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whistle_summons" ADD CONSTRAINT "whistle_summons_district_id_work_unit_id_work_units_district_id_id_fk" FOREIGN KEY ("district_id","work_unit_id") REFERENCES "work_units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whistles" ADD CONSTRAINT "whistles_district_id_compound_id_org_units_district_id_id_fk" FOREIGN KEY ("district_id","compound_id") REFERENCES "org_units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whistles" ADD CONSTRAINT "whistles_district_id_owner_unit_id_org_units_district_id_id_fk" FOREIGN KEY ("district_id","owner_unit_id") REFERENCES "org_units"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whistles" ADD CONSTRAINT "whistles_district_id_order_id_work_orders_district_id_id_fk" FOREIGN KEY ("district_id","order_id") REFERENCES "work_orders"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "whistle_summons_unit_idx" ON "whistle_summons" USING btree ("district_id","work_unit_id");--> statement-breakpoint
CREATE INDEX "whistles_on_site_idx" ON "whistles" USING btree ("district_id","on_site_at");