-- conflict_records becomes per person: every new person in the register is journalled. Existing
-- rows (organisation level only) cannot be given a person and are dropped; the register is
-- recomputed from the ledger on the next read.
DELETE FROM "conflict_records";--> statement-breakpoint
ALTER TABLE "conflict_records" DROP CONSTRAINT "conflict_records_initiative_id_organisation_id_level_pk";--> statement-breakpoint
ALTER TABLE "conflict_records" ADD COLUMN "user_id" uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "conflict_records" ADD CONSTRAINT "conflict_records_initiative_id_organisation_id_user_id_level_pk" PRIMARY KEY("initiative_id","organisation_id","user_id","level");--> statement-breakpoint
ALTER TABLE "conflict_records" ADD CONSTRAINT "conflict_records_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
