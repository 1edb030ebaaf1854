ALTER TABLE "work_order_legs" ADD COLUMN "signed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "work_order_legs" ADD COLUMN "signed_by" text;