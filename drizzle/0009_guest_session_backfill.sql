-- Existing guest sessions started when the guest joined: keep their 24-hour limit where it was.
UPDATE "workshop_guests" SET "session_started_at" = "created_at";
