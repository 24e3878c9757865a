CREATE TABLE "tender_drafts" (
	"tender_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"ciphertext" "bytea" NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tender_drafts_tender_id_organisation_id_pk" PRIMARY KEY("tender_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "tender_qualifications" (
	"submission_id" uuid PRIMARY KEY NOT NULL,
	"tender_id" uuid NOT NULL,
	"qualified" boolean NOT NULL,
	"reason" text NOT NULL,
	"decided_by" uuid NOT NULL,
	"decided_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tender_drafts" ADD CONSTRAINT "tender_drafts_tender_id_tenders_id_fk" FOREIGN KEY ("tender_id") REFERENCES "public"."tenders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_drafts" ADD CONSTRAINT "tender_drafts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_drafts" ADD CONSTRAINT "tender_drafts_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_qualifications" ADD CONSTRAINT "tender_qualifications_submission_id_tender_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."tender_submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_qualifications" ADD CONSTRAINT "tender_qualifications_tender_id_tenders_id_fk" FOREIGN KEY ("tender_id") REFERENCES "public"."tenders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_qualifications" ADD CONSTRAINT "tender_qualifications_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;