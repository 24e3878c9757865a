/**
 * Domain events that other parts of the process react to — above all the live-document server,
 * which re-checks (by closing) the sockets whose access may have changed. Emitters do not know
 * who listens; the collab server subscribes when it is attached.
 */
import { EventEmitter } from 'node:events';

export interface AccessChanged {
	/** Access to everything in this initiative may have changed (role change, removal, phase). */
	initiativeId?: string;
	/** Only this user's access changed (or all of it, when no initiative is named). */
	userId?: string;
	/** This one session ended (logout). */
	sessionId?: string;
	/** This workshop changed state (phase, close). */
	workshopId?: string;
	/** Why, for the log. */
	reason: string;
	/** Set when the change happened on another process (multi-process mode, `cluster.ts`): not relayed again. */
	remote?: boolean;
}

export interface DomainEvents {
	'access-changed': [AccessChanged];
}

export class Events extends EventEmitter<DomainEvents> {}
