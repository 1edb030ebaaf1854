CREATE TABLE "order_number_counters" (
	"district_id" text NOT NULL,
	"day" text NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "order_number_counters_district_id_day_pk" PRIMARY KEY("district_id","day")
);
