CREATE TABLE "open311_requests" (
	"district_id" text NOT NULL,
	"order_id" text NOT NULL,
	"account_id" text NOT NULL,
	"media_url" text,
	"posted_lat" double precision,
	"posted_long" double precision,
	"address_string" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "open311_requests_district_id_order_id_pk" PRIMARY KEY("district_id","order_id")
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "key_id" text;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "prefix" text;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "created_by" text;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "revoked_by" text;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "last_used_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "open311_requests" ADD CONSTRAINT "open311_requests_district_id_order_id_work_orders_district_id_id_fk" FOREIGN KEY ("district_id","order_id") REFERENCES "work_orders"("district_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_key_id_uq" ON "api_keys" USING btree ("district_id","key_id");