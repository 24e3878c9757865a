CREATE TABLE "sprint_hmw_workshops" (
	"room_id" uuid PRIMARY KEY NOT NULL,
	"workshop_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sprint_hmw_workshops_workshop_id_unique" UNIQUE("workshop_id")
);
--> statement-breakpoint
ALTER TABLE "sprint_hmw_workshops" ADD CONSTRAINT "sprint_hmw_workshops_room_id_sprint_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."sprint_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sprint_hmw_workshops" ADD CONSTRAINT "sprint_hmw_workshops_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;