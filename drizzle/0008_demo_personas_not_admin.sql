-- Demo personas never administer the platform (anyone can sign in as one with one click).
-- Older demo seeds made the process leader platform administrator; the sessions ignore that flag
-- on personas already (auth/session.ts holdsPlatformAdmin), and this clears it in the data.
-- An installation whose only administrator was that persona gets the rule sign-up applies: its
-- first real (non-demo, enabled) account becomes platform administrator.
UPDATE users SET platform_admin = false WHERE demo_persona IS NOT NULL;
--> statement-breakpoint
UPDATE users SET platform_admin = true
WHERE id = (
  SELECT id FROM users
  WHERE demo_persona IS NULL AND disabled_at IS NULL
  ORDER BY created_at, id
  LIMIT 1
)
AND NOT EXISTS (SELECT 1 FROM users WHERE platform_admin AND demo_persona IS NULL);
