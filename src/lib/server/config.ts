/**
 * Every setting Brygga reads from the environment, validated once at start.
 * Documented again in the README's configuration table; keep the two in step.
 *
 * This module must not import SvelteKit virtual modules: `server/` imports it under plain Node.
 */
import { z } from 'zod';

const bool = z
	.enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
	.transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const schema = z.object({
	/** TCP port of the HTTP + WebSocket server. */
	PORT: z.coerce.number().int().min(0).max(65535).default(3000),
	/** Interface to bind; 0.0.0.0 listens on all. */
	HOST: z.string().default('0.0.0.0'),
	/**
	 * Public origin of the app, e.g. `https://brygga.kommun.se`. When set, WebSocket upgrades and
	 * API writes must come from it, and cookies get `Secure` + `__Host-` when it is https.
	 * When unset, the origin is the request's own (Host header + protocol).
	 */
	ORIGIN: z.url().optional(),
	/** Where the embedded database (PGlite) keeps its files when DATABASE_URL is unset. */
	DATA_DIR: z.string().default('./data'),
	/** PostgreSQL connection string; when set, PGlite is not used. */
	DATABASE_URL: z.string().optional(),
	/** SMTP connection URL for nodemailer; mail always lands in the outbox table too. */
	SMTP_URL: z.string().optional(),
	/** Sender address of outgoing mail. */
	MAIL_FROM: z.string().default('Brygga <noreply@brygga.invalid>'),
	/** Demo mode: seeds a demo initiative into an empty database and offers one-click personas. Default: on with the embedded database, off with DATABASE_URL. */
	DEMO: bool.optional(),
	/**
	 * Keep one-click demo sign-in open after real accounts exist (test and training installations
	 * only). Off by default: the first real sign-up closes the demo doors. Demo personas never
	 * administer the platform either way.
	 */
	DEMO_WITH_REAL_ACCOUNTS: bool.default(false),
	/** Minutes of inactivity after which a session ends (sliding). NIST 800-63B rev. 4 AAL2: at most 60. */
	SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(60),
	/** Hours after sign-in after which a session ends whatever the activity. NIST 800-63B rev. 4 AAL2: at most 24. */
	SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
	/** Largest accepted live-document message, bytes. */
	COLLAB_MAX_MESSAGE_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
	/** Largest accepted upload, bytes (default 25 MB). */
	FILES_MAX_BYTES: z.coerce.number().int().min(1024).max(1024 * 1024 * 1024).default(25 * 1024 * 1024),
	/** How often scheduled work (reminders, deadline steps) and queued mail are checked, seconds. */
	JOBS_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
	/**
	 * The key that wraps each tender round's data key (base64 of 32 bytes). When unset, a key file
	 * `seal.key` is created (mode 0600) under DATA_DIR on first start. Never stored in the
	 * database: back it up apart from the database, or sealed tenders can never be opened.
	 */
	SEAL_KEY: z
		.string()
		.refine((v) => Buffer.from(v, 'base64').length === 32, 'SEAL_KEY must be base64 of exactly 32 bytes')
		.optional(),
	/** Standstill period after an award decision, days (avtalsspärr; LOU 20:1 — 10 days when sent electronically). */
	TENDER_STANDSTILL_DAYS: z.coerce.number().int().min(0).max(60).default(10),
	/** Trust `X-Forwarded-For` / `X-Forwarded-Proto` from a reverse proxy (only behind one). */
	TRUST_PROXY: bool.default(false),
	/**
	 * Redis URL (e.g. `redis://127.0.0.1:6379`): turns on multi-process mode — several processes
	 * on one PostgreSQL (`DATABASE_URL`), sharing live documents, access changes and rate limits.
	 * Unset: one process, nothing changes. Needs DATABASE_URL (PGlite serves one process).
	 */
	REDIS_URL: z.string().regex(/^rediss?:\/\//, 'REDIS_URL must start with redis:// or rediss://').optional(),
	/** Prefix of Brygga's Redis channels and keys, so several installations can share one Redis. */
	REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:_.-]{1,64}$/).default('brygga:'),
	/** Presence (cursors, selections) is sent to each receiver at most this often, ms; changes in between are merged per client. */
	COLLAB_PRESENCE_INTERVAL_MS: z.coerce.number().int().min(10).max(2000).default(50),
	/** Log level: debug, info, warn, error. */
	LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info')
});

export type Config = z.infer<typeof schema> & { demo: boolean; secureCookies: boolean };

/**
 * A reason the server cannot start that an operator fixes in the configuration or the
 * environment (invalid settings, a data folder in use): the Node entry prints its message alone,
 * without a stack trace, and exits 1.
 */
export class StartupError extends Error {
	override name = 'StartupError';
}

/** Parses an environment (default `process.env`) into a typed config, or throws with every problem listed. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
	const cleaned = Object.fromEntries(
		Object.entries(env).filter(([, v]) => v !== undefined && v !== '')
	);
	const parsed = schema.safeParse(cleaned);
	if (!parsed.success) {
		const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
		throw new StartupError(`Invalid configuration:\n${lines.join('\n')}`);
	}
	const c = parsed.data;
	if (c.REDIS_URL && !c.DATABASE_URL) {
		throw new StartupError('Invalid configuration:\n  REDIS_URL: multi-process mode needs DATABASE_URL (PostgreSQL); the embedded database (PGlite) serves exactly one process');
	}
	return {
		...c,
		demo: c.DEMO ?? !c.DATABASE_URL,
		secureCookies: c.ORIGIN ? c.ORIGIN.startsWith('https:') : false
	};
}
