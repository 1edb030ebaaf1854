ALTER TABLE "people" ALTER COLUMN "birth_date" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "protection" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "name_cipher" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "name_hash" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "birth_cipher" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "household_cipher" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "household_hash" text;--> statement-breakpoint
CREATE INDEX "people_name_hash_idx" ON "people" USING btree ("district_id","name_hash");--> statement-breakpoint
CREATE INDEX "people_household_hash_idx" ON "people" USING btree ("district_id","household_hash");