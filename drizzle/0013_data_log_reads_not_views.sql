ALTER TABLE "data_access_log" ADD COLUMN "read_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "data_access_log_read_key" ON "data_access_log" USING btree ("holder_code","read_key");