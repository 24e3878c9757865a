/** JSON calls from the stage boards to the sprint and workshop APIs (same origin, the page's own session). */
export interface ApiAnswer<T = unknown> {
	ok: boolean;
	status: number;
	body: T | null;
	/** The API's message when the call was refused (`{error:{message}}`). */
	error: string | null;
}

export async function callApi<T = unknown>(method: 'POST' | 'DELETE', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer<T>> {
	try {
		const res = await fetch(path, {
			method,
			headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
		const json = (await res.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
		return { ok: res.ok, status: res.status, body: res.ok ? json : null, error: res.ok ? null : (json?.error?.message ?? res.statusText) };
	} catch {
		return { ok: false, status: 0, body: null, error: null };
	}
}
