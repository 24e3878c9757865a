/**
 * A tiny HTTP client with a cookie jar, so a test can act as one signed-in browser.
 * Sends `Origin` like a browser does for writes.
 */
export class Client {
	readonly base: string;
	private jar = new Map<string, string>();
	constructor(base: string) {
		this.base = base;
	}

	/** The raw `Cookie` header this client would send (for WebSocket upgrades). */
	cookieHeader(): string {
		return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
	}

	setCookie(name: string, value: string) {
		this.jar.set(name, value);
	}

	async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
		const h: Record<string, string> = { origin: this.base, ...headers };
		if (this.jar.size) h.cookie = this.cookieHeader();
		let payload: string | undefined;
		if (body !== undefined) {
			payload = typeof body === 'string' ? body : JSON.stringify(body);
			h['content-type'] ??= 'application/json';
		}
		const res = await fetch(this.base + path, { method, headers: h, body: payload, redirect: 'manual' });
		for (const c of res.headers.getSetCookie()) {
			const [pair, ...attrs] = c.split(';');
			const i = pair.indexOf('=');
			const name = pair.slice(0, i).trim();
			const value = pair.slice(i + 1).trim();
			const expired = attrs.some((a) => /max-age=0\b/i.test(a.trim()) || /expires=Thu, 01 Jan 1970/i.test(a.trim()));
			if (!value || expired) this.jar.delete(name);
			else this.jar.set(name, value);
		}
		return res;
	}

	get(path: string) {
		return this.request('GET', path);
	}
	post(path: string, body?: unknown) {
		return this.request('POST', path, body ?? {});
	}
	patch(path: string, body: unknown) {
		return this.request('PATCH', path, body);
	}
	delete(path: string) {
		return this.request('DELETE', path);
	}
}
