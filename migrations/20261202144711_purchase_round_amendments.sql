CREATE TABLE "purchase_round_amendments" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"round_id" text NOT NULL,
	"seq" integer NOT NULL,
	"rationale" text NOT NULL,
	"changes" jsonb NOT NULL,
	"amended_by" text,
	"amended_by_name" text NOT NULL,
	"amended_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "purchase_round_amendments_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_round_amendments_seq_uq" ON "purchase_round_amendments" USING btree ("district_id","round_id","seq");