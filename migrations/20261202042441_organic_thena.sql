CREATE TABLE "attachments" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"purpose" text NOT NULL,
	"owner_user_id" text NOT NULL,
	"name" text NOT NULL,
	"mime" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"thumbnail_key" text,
	"linked_kind" text,
	"linked_id" text,
	"linked_part" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"linked_at" timestamp with time zone,
	CONSTRAINT "attachments_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE INDEX "attachments_linked_idx" ON "attachments" USING btree ("district_id","linked_kind","linked_id");--> statement-breakpoint
CREATE INDEX "attachments_owner_idx" ON "attachments" USING btree ("district_id","owner_user_id","created_at");