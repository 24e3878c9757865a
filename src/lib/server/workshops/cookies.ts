/** The cookies a join sets: the guest session, and the device value when the browser had none. */
import type { Cookies } from '@sveltejs/kit';
import { deviceCookieName, deviceCookieOptions, guestCookieName, guestCookieOptions } from '../auth/guest.ts';
import type { JoinResult } from './index.ts';

/** The browser's device value, if any (validated by the join). */
export function deviceOf(cookies: Cookies, secure: boolean): string | null {
	return cookies.get(deviceCookieName(secure)) ?? null;
}

export function setJoinCookies(cookies: Cookies, secure: boolean, r: JoinResult): void {
	if (r.deviceToken) cookies.set(deviceCookieName(secure), r.deviceToken, deviceCookieOptions(secure));
	if (r.guestToken) cookies.set(guestCookieName(secure), r.guestToken, guestCookieOptions(secure));
}
