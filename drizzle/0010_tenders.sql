CREATE TABLE "tender_confidentiality_decisions" (
	"submission_id" uuid NOT NULL,
	"index" integer NOT NULL,
	"granted" boolean NOT NULL,
	"reason" text NOT NULL,
	"decided_by" uuid NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tender_confidentiality_decisions_submission_id_index_pk" PRIMARY KEY("submission_id","index")
);
--> statement-breakpoint
CREATE TABLE "tender_conflict_cases" (
	"tender_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"statement" text,
	"statement_by" uuid,
	"statement_at" timestamp with time zone,
	"approvals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"outcome" text,
	"decided_at" timestamp with time zone,
	CONSTRAINT "tender_conflict_cases_tender_id_organisation_id_pk" PRIMARY KEY("tender_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "tender_declarations" (
	"tender_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"statement" text DEFAULT '' NOT NULL,
	"declared_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tender_declarations_tender_id_user_id_pk" PRIMARY KEY("tender_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "tender_scores" (
	"tender_id" uuid NOT NULL,
	"submission_id" uuid NOT NULL,
	"criterion_id" text NOT NULL,
	"user_id" uuid NOT NULL,
	"score" integer NOT NULL,
	"motivation" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tender_scores_submission_id_criterion_id_user_id_pk" PRIMARY KEY("submission_id","criterion_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "tender_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tender_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"submitted_by" uuid NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"ciphertext" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tenders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"initiative_id" uuid NOT NULL,
	"title" text NOT NULL,
	"requirements_version" integer NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"openers" jsonb NOT NULL,
	"criteria" jsonb NOT NULL,
	"open" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone,
	"wrapped_key" "bytea" NOT NULL,
	"opening_approvals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"opened_at" timestamp with time zone,
	"notices" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"awarded_submission_id" uuid,
	"award_motivation" text,
	"awarded_at" timestamp with time zone,
	"standstill_ends_at" timestamp with time zone,
	"contract_signed_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tender_confidentiality_decisions" ADD CONSTRAINT "tender_confidentiality_decisions_submission_id_tender_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."tender_submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_confidentiality_decisions" ADD CONSTRAINT "tender_confidentiality_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_conflict_cases" ADD CONSTRAINT "tender_conflict_cases_tender_id_tenders_id_fk" FOREIGN KEY ("tender_id") REFERENCES "public"."tenders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_conflict_cases" ADD CONSTRAINT "tender_conflict_cases_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_conflict_cases" ADD CONSTRAINT "tender_conflict_cases_statement_by_users_id_fk" FOREIGN KEY ("statement_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_declarations" ADD CONSTRAINT "tender_declarations_tender_id_tenders_id_fk" FOREIGN KEY ("tender_id") REFERENCES "public"."tenders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_declarations" ADD CONSTRAINT "tender_declarations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_scores" ADD CONSTRAINT "tender_scores_tender_id_tenders_id_fk" FOREIGN KEY ("tender_id") REFERENCES "public"."tenders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_scores" ADD CONSTRAINT "tender_scores_submission_id_tender_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."tender_submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_scores" ADD CONSTRAINT "tender_scores_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_submissions" ADD CONSTRAINT "tender_submissions_tender_id_tenders_id_fk" FOREIGN KEY ("tender_id") REFERENCES "public"."tenders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_submissions" ADD CONSTRAINT "tender_submissions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_submissions" ADD CONSTRAINT "tender_submissions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenders" ADD CONSTRAINT "tenders_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenders" ADD CONSTRAINT "tenders_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "tender_submissions_org_idx" ON "tender_submissions" USING btree ("tender_id","organisation_id");--> statement-breakpoint
CREATE INDEX "tenders_initiative_idx" ON "tenders" USING btree ("initiative_id");