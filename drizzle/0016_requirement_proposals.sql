CREATE TABLE "requirement_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"initiative_id" uuid NOT NULL,
	"requirement_uid" text,
	"requirement_key" text,
	"text" text NOT NULL,
	"source_kind" text NOT NULL,
	"finding_id" uuid,
	"room_id" uuid,
	"sprint_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "requirement_proposals" ADD CONSTRAINT "requirement_proposals_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_proposals" ADD CONSTRAINT "requirement_proposals_finding_id_sprint_log_entries_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."sprint_log_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_proposals" ADD CONSTRAINT "requirement_proposals_room_id_sprint_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."sprint_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_proposals" ADD CONSTRAINT "requirement_proposals_sprint_id_sprints_id_fk" FOREIGN KEY ("sprint_id") REFERENCES "public"."sprints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_proposals" ADD CONSTRAINT "requirement_proposals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_proposals" ADD CONSTRAINT "requirement_proposals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "requirement_proposals_initiative_idx" ON "requirement_proposals" USING btree ("initiative_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "requirement_proposals_finding_idx" ON "requirement_proposals" USING btree ("finding_id");--> statement-breakpoint
-- Findings that carried a proposal in the old jsonb column become proposal rows (one path from now on).
INSERT INTO "requirement_proposals" ("initiative_id", "requirement_uid", "text", "source_kind", "finding_id", "room_id", "sprint_id", "created_by", "created_at")
SELECT s."initiative_id", e."proposal"->>'requirementUid', e."proposal"->>'text', 'sprint_finding', e."id", e."room_id", r."sprint_id", e."created_by", e."created_at"
FROM "sprint_log_entries" e
JOIN "sprint_rooms" r ON r."id" = e."room_id"
JOIN "sprints" s ON s."id" = r."sprint_id"
WHERE e."proposal" IS NOT NULL AND coalesce(e."proposal"->>'text', '') <> '';--> statement-breakpoint
ALTER TABLE "sprint_log_entries" DROP COLUMN "proposal";