CREATE TABLE "sprint_critiques" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"room_id" uuid NOT NULL,
	"sketch_id" uuid NOT NULL,
	"author_user_id" uuid NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sprint_dots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"room_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"target_id" text NOT NULL,
	"voter_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sprint_gallery_reveals" (
	"sprint_id" uuid PRIMARY KEY NOT NULL,
	"revealed_by" uuid NOT NULL,
	"reason" text NOT NULL,
	"revealed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sprint_sketches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"room_id" uuid NOT NULL,
	"author_user_id" uuid NOT NULL,
	"title" text NOT NULL,
	"panels" jsonb NOT NULL,
	"file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sprint_supervotes" (
	"room_id" uuid PRIMARY KEY NOT NULL,
	"sketch_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"cast_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sprint_test_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"room_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"interviewee_guest_id" uuid NOT NULL,
	"frame" integer NOT NULL,
	"tag" text NOT NULL,
	"text" text NOT NULL,
	"author_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sprint_test_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"room_id" uuid NOT NULL,
	"workshop_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sprint_critiques" ADD CONSTRAINT "sprint_critiques_room_id_sprint_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."sprint_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_critiques" ADD CONSTRAINT "sprint_critiques_sketch_id_sprint_sketches_id_fk" FOREIGN KEY ("sketch_id") REFERENCES "public"."sprint_sketches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_critiques" ADD CONSTRAINT "sprint_critiques_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_dots" ADD CONSTRAINT "sprint_dots_room_id_sprint_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."sprint_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_dots" ADD CONSTRAINT "sprint_dots_voter_user_id_users_id_fk" FOREIGN KEY ("voter_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_gallery_reveals" ADD CONSTRAINT "sprint_gallery_reveals_sprint_id_sprints_id_fk" FOREIGN KEY ("sprint_id") REFERENCES "public"."sprints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_gallery_reveals" ADD CONSTRAINT "sprint_gallery_reveals_revealed_by_users_id_fk" FOREIGN KEY ("revealed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_sketches" ADD CONSTRAINT "sprint_sketches_room_id_sprint_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."sprint_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_sketches" ADD CONSTRAINT "sprint_sketches_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_supervotes" ADD CONSTRAINT "sprint_supervotes_room_id_sprint_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."sprint_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_supervotes" ADD CONSTRAINT "sprint_supervotes_sketch_id_sprint_sketches_id_fk" FOREIGN KEY ("sketch_id") REFERENCES "public"."sprint_sketches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_supervotes" ADD CONSTRAINT "sprint_supervotes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_test_notes" ADD CONSTRAINT "sprint_test_notes_room_id_sprint_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."sprint_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_test_notes" ADD CONSTRAINT "sprint_test_notes_session_id_sprint_test_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sprint_test_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_test_notes" ADD CONSTRAINT "sprint_test_notes_interviewee_guest_id_workshop_guests_id_fk" FOREIGN KEY ("interviewee_guest_id") REFERENCES "public"."workshop_guests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_test_notes" ADD CONSTRAINT "sprint_test_notes_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_test_sessions" ADD CONSTRAINT "sprint_test_sessions_room_id_sprint_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."sprint_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_test_sessions" ADD CONSTRAINT "sprint_test_sessions_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_test_sessions" ADD CONSTRAINT "sprint_test_sessions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sprint_critiques_room_idx" ON "sprint_critiques" USING btree ("room_id");--> statement-breakpoint
CREATE INDEX "sprint_dots_room_idx" ON "sprint_dots" USING btree ("room_id","kind");--> statement-breakpoint
CREATE INDEX "sprint_sketches_room_idx" ON "sprint_sketches" USING btree ("room_id");--> statement-breakpoint
CREATE INDEX "sprint_test_notes_room_idx" ON "sprint_test_notes" USING btree ("room_id");--> statement-breakpoint
CREATE INDEX "sprint_test_sessions_room_idx" ON "sprint_test_sessions" USING btree ("room_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sprint_test_sessions_workshop_idx" ON "sprint_test_sessions" USING btree ("workshop_id");