/** Formatting for the account pages, in the visitor's language (sv-SE by default). */

export function dateTime(value: Date | string, locale: string): string {
	return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'sv-SE', {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: 'Europe/Stockholm'
	}).format(new Date(value));
}

export function date(value: Date | string, locale: string): string {
	return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'sv-SE', { dateStyle: 'long', timeZone: 'Europe/Stockholm' }).format(
		new Date(value)
	);
}

/** Browser and system named in a User-Agent string (each null when not recognised; null when neither is). */
export function device(userAgent: string | null): { browser: string | null; os: string | null } | null {
	if (!userAgent) return null;
	const browser = /Edg\//.test(userAgent)
		? 'Edge'
		: /Firefox\//.test(userAgent)
			? 'Firefox'
			: /Chrome\/|Chromium\//.test(userAgent)
				? 'Chrome'
				: /Safari\//.test(userAgent)
					? 'Safari'
					: null;
	const os = /iPhone|iPad/.test(userAgent)
		? 'iOS'
		: /Android/.test(userAgent)
			? 'Android'
			: /Windows/.test(userAgent)
				? 'Windows'
				: /Mac OS X|Macintosh/.test(userAgent)
					? 'macOS'
					: /Linux/.test(userAgent)
						? 'Linux'
						: null;
	if (!browser && !os) return null;
	return { browser, os };
}
