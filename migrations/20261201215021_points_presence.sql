CREATE TABLE "points_cards" (
	"district_id" text NOT NULL,
	"card_hash" text NOT NULL,
	"person_id" text NOT NULL,
	"last4" text NOT NULL,
	"issued_by" text,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "points_cards_district_id_card_hash_pk" PRIMARY KEY("district_id","card_hash")
);
--> statement-breakpoint
CREATE TABLE "points_presence_codes" (
	"district_id" text NOT NULL,
	"person_id" text NOT NULL,
	"code_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "points_presence_codes_district_id_person_id_pk" PRIMARY KEY("district_id","person_id")
);
--> statement-breakpoint
CREATE INDEX "points_cards_person_idx" ON "points_cards" USING btree ("district_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "points_presence_codes_hash_uq" ON "points_presence_codes" USING btree ("district_id","code_hash");