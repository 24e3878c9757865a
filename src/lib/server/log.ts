/**
 * Structured logging: one JSON line per event on stdout, with UTC time and the process id (`pid`:
 * with several processes behind a balancer, which one said it). Never pass passwords,
 * tokens, cookies or document content; `redact` strips the usual suspects defensively.
 */
const ORDER = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type LogLevel = keyof typeof ORDER;

export interface Logger {
	debug(event: string, fields?: Record<string, unknown>): void;
	info(event: string, fields?: Record<string, unknown>): void;
	warn(event: string, fields?: Record<string, unknown>): void;
	error(event: string, fields?: Record<string, unknown>): void;
}

const SECRET_KEYS = /pass(word)?|token|secret|cookie|authorization|session/i;

/** The line's own keys: a field of the same name is kept as `field_<name>`, never over them. */
const RESERVED = new Set(['at', 'level', 'pid', 'event']);

function redact(fields: Record<string, unknown>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(fields)) out[RESERVED.has(k) ? `field_${k}` : k] = SECRET_KEYS.test(k) && k !== 'sessionIdPrefix' ? '[redacted]' : v;
	return out;
}

export function createLogger(min: LogLevel = 'info', write: (line: string) => void = (l) => process.stdout.write(l + '\n')): Logger {
	const emit = (level: LogLevel) => (event: string, fields: Record<string, unknown> = {}) => {
		if (ORDER[level] < ORDER[min]) return;
		write(JSON.stringify({ at: new Date().toISOString(), level, pid: process.pid, event, ...redact(fields) }));
	};
	return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
