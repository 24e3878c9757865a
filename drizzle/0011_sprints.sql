CREATE TABLE "sprint_input_deliveries" (
	"input_id" uuid NOT NULL,
	"room_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"arrived_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sprint_input_deliveries_input_id_room_id_pk" PRIMARY KEY("input_id","room_id")
);
--> statement-breakpoint
CREATE TABLE "sprint_inputs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sprint_id" uuid NOT NULL,
	"room_id" uuid,
	"reason" text,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sha256" text NOT NULL,
	"created_by" uuid NOT NULL,
	"published_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sprint_log_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"room_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"need_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"proposal" jsonb,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sprint_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"room_id" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone NOT NULL,
	"topic" text DEFAULT '' NOT NULL,
	"user_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"logged_by" uuid NOT NULL,
	"logged_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sprint_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sprint_id" uuid NOT NULL,
	"room_id" uuid NOT NULL,
	"asked_by" uuid NOT NULL,
	"text" text NOT NULL,
	"asked_at" timestamp with time zone NOT NULL,
	"answer" text,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"specific_reason" text
);
--> statement-breakpoint
CREATE TABLE "sprint_room_members" (
	"room_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"added_by" uuid NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sprint_room_members_room_id_user_id_pk" PRIMARY KEY("room_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "sprint_rooms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sprint_id" uuid NOT NULL,
	"organisation_id" uuid,
	"invitation_id" uuid,
	"letter" text NOT NULL,
	"decider_user_id" uuid,
	"confidential" boolean DEFAULT true NOT NULL,
	"locked_at" timestamp with time zone,
	"terms_accepted_at" timestamp with time zone,
	"terms_accepted_by" uuid,
	"terms_sha256" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sprint_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"schedule" jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sprints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"initiative_id" uuid NOT NULL,
	"title" text NOT NULL,
	"template" text NOT NULL,
	"schedule" jsonb NOT NULL,
	"goal" text NOT NULL,
	"questions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"need_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"requirements_version" integer,
	"stage" text,
	"stage_started_at" timestamp with time zone,
	"timer_ends_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sprint_input_deliveries" ADD CONSTRAINT "sprint_input_deliveries_input_id_sprint_inputs_id_fk" FOREIGN KEY ("input_id") REFERENCES "public"."sprint_inputs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_input_deliveries" ADD CONSTRAINT "sprint_input_deliveries_room_id_sprint_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."sprint_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_inputs" ADD CONSTRAINT "sprint_inputs_sprint_id_sprints_id_fk" FOREIGN KEY ("sprint_id") REFERENCES "public"."sprints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_inputs" ADD CONSTRAINT "sprint_inputs_room_id_sprint_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."sprint_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_inputs" ADD CONSTRAINT "sprint_inputs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_log_entries" ADD CONSTRAINT "sprint_log_entries_room_id_sprint_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."sprint_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_log_entries" ADD CONSTRAINT "sprint_log_entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_meetings" ADD CONSTRAINT "sprint_meetings_room_id_sprint_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."sprint_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_meetings" ADD CONSTRAINT "sprint_meetings_logged_by_users_id_fk" FOREIGN KEY ("logged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_questions" ADD CONSTRAINT "sprint_questions_sprint_id_sprints_id_fk" FOREIGN KEY ("sprint_id") REFERENCES "public"."sprints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_questions" ADD CONSTRAINT "sprint_questions_room_id_sprint_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."sprint_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_questions" ADD CONSTRAINT "sprint_questions_asked_by_users_id_fk" FOREIGN KEY ("asked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_questions" ADD CONSTRAINT "sprint_questions_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_room_members" ADD CONSTRAINT "sprint_room_members_room_id_sprint_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."sprint_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_room_members" ADD CONSTRAINT "sprint_room_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_room_members" ADD CONSTRAINT "sprint_room_members_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_rooms" ADD CONSTRAINT "sprint_rooms_sprint_id_sprints_id_fk" FOREIGN KEY ("sprint_id") REFERENCES "public"."sprints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_rooms" ADD CONSTRAINT "sprint_rooms_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_rooms" ADD CONSTRAINT "sprint_rooms_decider_user_id_users_id_fk" FOREIGN KEY ("decider_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_rooms" ADD CONSTRAINT "sprint_rooms_terms_accepted_by_users_id_fk" FOREIGN KEY ("terms_accepted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_templates" ADD CONSTRAINT "sprint_templates_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_templates" ADD CONSTRAINT "sprint_templates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprints" ADD CONSTRAINT "sprints_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprints" ADD CONSTRAINT "sprints_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sprint_input_deliveries_room_idx" ON "sprint_input_deliveries" USING btree ("room_id");--> statement-breakpoint
CREATE INDEX "sprint_inputs_sprint_idx" ON "sprint_inputs" USING btree ("sprint_id");--> statement-breakpoint
CREATE INDEX "sprint_log_entries_room_idx" ON "sprint_log_entries" USING btree ("room_id");--> statement-breakpoint
CREATE INDEX "sprint_meetings_room_idx" ON "sprint_meetings" USING btree ("room_id");--> statement-breakpoint
CREATE INDEX "sprint_questions_sprint_idx" ON "sprint_questions" USING btree ("sprint_id");--> statement-breakpoint
CREATE INDEX "sprint_rooms_sprint_idx" ON "sprint_rooms" USING btree ("sprint_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sprint_rooms_org_idx" ON "sprint_rooms" USING btree ("sprint_id","organisation_id");--> statement-breakpoint
CREATE INDEX "sprint_templates_org_idx" ON "sprint_templates" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "sprints_initiative_idx" ON "sprints" USING btree ("initiative_id");