CREATE INDEX "people_list_idx" ON "people" USING btree ("district_id","name_pinyin","id");--> statement-breakpoint
CREATE INDEX "people_tags_idx" ON "people" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "work_orders_open_idx" ON "work_orders" USING btree ("district_id","created_at","id") WHERE merged_into is null and status <> 'closed';--> statement-breakpoint
CREATE INDEX "work_orders_open_path_idx" ON "work_orders" USING btree ("district_id","org_path" text_pattern_ops,"created_at") WHERE merged_into is null and status <> 'closed';--> statement-breakpoint
CREATE INDEX "work_orders_escalated_idx" ON "work_orders" USING btree ("district_id","created_at","id") WHERE merged_into is null and status <> 'closed' and (escalation_level >= 1 or is_supervised);