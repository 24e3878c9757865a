CREATE TABLE "idempotency_keys" (
	"owner" text NOT NULL,
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"fingerprint" text NOT NULL,
	"status" integer,
	"response" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_owner_scope_key_pk" PRIMARY KEY("owner","scope","key")
);
--> statement-breakpoint
ALTER TABLE "workshop_guests" ADD COLUMN "session_started_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "workshop_guests" ADD COLUMN "device_hash" "bytea";--> statement-breakpoint
ALTER TABLE "workshop_guests" ADD COLUMN "removed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "workshop_guests" ADD COLUMN "removed_by" uuid;--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
ALTER TABLE "workshop_guests" ADD CONSTRAINT "workshop_guests_removed_by_users_id_fk" FOREIGN KEY ("removed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "workshop_guests_device_unique" ON "workshop_guests" USING btree ("workshop_id","device_hash");