import type { Actor } from '#lib/server/access/policy.ts';
import type { App as BryggaApp } from '#lib/server/app.ts';
import type { Session } from '#lib/server/auth/session.ts';

declare global {
	namespace App {
		interface Error {
			code?: string;
			message: string;
		}
		interface Locals {
			app: BryggaApp;
			actor: Actor;
			session: Session | null;
			/** The session token from the cookie (to end the session on logout). */
			sessionToken: string | null;
			locale: 'sv' | 'en';
			/** Client address used for rate limits (proxy header only when TRUST_PROXY). */
			ip: string;
		}
	}
}

export {};
