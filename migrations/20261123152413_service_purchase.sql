CREATE TABLE "purchase_attachments" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"proposal_id" text NOT NULL,
	"name" text NOT NULL,
	"mime" text NOT NULL,
	"data_base64" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "purchase_attachments_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "purchase_contracts" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"round_id" text NOT NULL,
	"proposal_id" text NOT NULL,
	"org_id" text NOT NULL,
	"no" text NOT NULL,
	"title" text NOT NULL,
	"buyer_unit_id" text NOT NULL,
	"buyer_name" text NOT NULL,
	"buyer_kind" text NOT NULL,
	"org_path" text NOT NULL,
	"target_paths" text[] NOT NULL,
	"amount_cents" bigint NOT NULL,
	"status" text NOT NULL,
	"signed_at" timestamp with time zone,
	"period_start" date,
	"period_end" date,
	"evaluation_score" integer,
	"evaluation_grade" text,
	"evaluation_comment" text,
	"evaluated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "purchase_contracts_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "purchase_deliveries" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"contract_id" text NOT NULL,
	"community_id" text NOT NULL,
	"held_on" date NOT NULL,
	"title" text NOT NULL,
	"beneficiaries" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "purchase_deliveries_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "purchase_jurors" (
	"district_id" text NOT NULL,
	"round_id" text NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "purchase_jurors_district_id_round_id_user_id_pk" PRIMARY KEY("district_id","round_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "purchase_milestones" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"contract_id" text NOT NULL,
	"seq" integer NOT NULL,
	"title" text NOT NULL,
	"due_on" date NOT NULL,
	"tranche_cents" bigint NOT NULL,
	"status" text NOT NULL,
	"evidence" text,
	"evidence_at" timestamp with time zone,
	"review_note" text,
	"reviewed_by" text,
	"released_at" timestamp with time zone,
	CONSTRAINT "purchase_milestones_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "purchase_needs" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"community_id" text NOT NULL,
	"org_path" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"category" text NOT NULL,
	"residents" integer DEFAULT 0 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "purchase_needs_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "purchase_objections" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"round_id" text NOT NULL,
	"proposal_id" text,
	"filed_by_user_id" text,
	"filed_by_name" text NOT NULL,
	"content" text NOT NULL,
	"filed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answer" text,
	"upheld" boolean,
	"answered_by" text,
	"answered_at" timestamp with time zone,
	CONSTRAINT "purchase_objections_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "purchase_orgs" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"credit_code" text NOT NULL,
	"legal_rep" text NOT NULL,
	"intro" text DEFAULT '' NOT NULL,
	"account_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "purchase_orgs_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "purchase_proposals" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"round_id" text NOT NULL,
	"org_id" text NOT NULL,
	"no" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"category" text NOT NULL,
	"team" jsonb NOT NULL,
	"budget_lines" jsonb NOT NULL,
	"budget_cents" bigint NOT NULL,
	"past_delivery" text DEFAULT '' NOT NULL,
	"street_id" text NOT NULL,
	"target_community_ids" text[] NOT NULL,
	"target_paths" text[] NOT NULL,
	"status" text NOT NULL,
	"screening" text,
	"screening_reason" text,
	"screened_at" timestamp with time zone,
	"final_score" double precision,
	"rank" integer,
	"result" text,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "purchase_proposals_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "purchase_recusals" (
	"district_id" text NOT NULL,
	"proposal_id" text NOT NULL,
	"juror_user_id" text NOT NULL,
	"round_id" text NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "purchase_recusals_district_id_proposal_id_juror_user_id_pk" PRIMARY KEY("district_id","proposal_id","juror_user_id")
);
--> statement-breakpoint
CREATE TABLE "purchase_rounds" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"ocid" text NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"scope" text NOT NULL,
	"eligibility" text NOT NULL,
	"budget_cents" bigint NOT NULL,
	"status" text NOT NULL,
	"published_at" timestamp with time zone,
	"deadline_at" timestamp with time zone NOT NULL,
	"criteria" jsonb NOT NULL,
	"drop_high_low" boolean DEFAULT false NOT NULL,
	"places" integer NOT NULL,
	"pass_score" integer DEFAULT 60 NOT NULL,
	"notice_days" integer DEFAULT 5 NOT NULL,
	"scoring_opened_at" timestamp with time zone,
	"notice_starts_at" timestamp with time zone,
	"notice_ends_at" timestamp with time zone,
	"awarded_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "purchase_rounds_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE TABLE "purchase_scores" (
	"district_id" text NOT NULL,
	"id" text NOT NULL,
	"round_id" text NOT NULL,
	"proposal_id" text NOT NULL,
	"juror_user_id" text NOT NULL,
	"version" integer NOT NULL,
	"scores" jsonb NOT NULL,
	"total" double precision NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"is_current" boolean NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "purchase_scores_district_id_id_pk" PRIMARY KEY("district_id","id")
);
--> statement-breakpoint
CREATE INDEX "purchase_attachments_proposal_idx" ON "purchase_attachments" USING btree ("district_id","proposal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_contracts_proposal_uq" ON "purchase_contracts" USING btree ("district_id","proposal_id");--> statement-breakpoint
CREATE INDEX "purchase_contracts_path_idx" ON "purchase_contracts" USING btree ("district_id","org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "purchase_contracts_round_idx" ON "purchase_contracts" USING btree ("district_id","round_id");--> statement-breakpoint
CREATE INDEX "purchase_deliveries_contract_idx" ON "purchase_deliveries" USING btree ("district_id","contract_id","held_on");--> statement-breakpoint
CREATE INDEX "purchase_milestones_contract_idx" ON "purchase_milestones" USING btree ("district_id","contract_id","seq");--> statement-breakpoint
CREATE INDEX "purchase_needs_path_idx" ON "purchase_needs" USING btree ("district_id","org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "purchase_objections_round_idx" ON "purchase_objections" USING btree ("district_id","round_id");--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_orgs_credit_uq" ON "purchase_orgs" USING btree ("district_id","credit_code");--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_orgs_account_uq" ON "purchase_orgs" USING btree ("district_id","account_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_proposals_no_uq" ON "purchase_proposals" USING btree ("district_id","round_id","no");--> statement-breakpoint
CREATE INDEX "purchase_proposals_round_idx" ON "purchase_proposals" USING btree ("district_id","round_id","status");--> statement-breakpoint
CREATE INDEX "purchase_proposals_org_idx" ON "purchase_proposals" USING btree ("district_id","org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_rounds_ocid_uq" ON "purchase_rounds" USING btree ("district_id","ocid");--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_scores_version_uq" ON "purchase_scores" USING btree ("district_id","proposal_id","juror_user_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_scores_current_uq" ON "purchase_scores" USING btree ("district_id","proposal_id","juror_user_id") WHERE is_current;--> statement-breakpoint
CREATE INDEX "purchase_scores_round_idx" ON "purchase_scores" USING btree ("district_id","round_id");