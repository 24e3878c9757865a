/**
 * Where a participant lands after joining by code. The join code is the workshop engine's, and so
 * is the one join endpoint (`POST /api/v1/workshops/join`); a capability that runs something else
 * on a workshop row (a sprint's end-user test session) registers here where its guests belong.
 * Unclaimed workshops land on the participant's board `/w/<id>`.
 */
import type { Db } from '../db/index.ts';
import { registry } from '../registry.ts';

/** The landing path for a workshop this capability owns, or null when it is not one of its. */
export type JoinLanding = (db: Db, workshopId: string) => Promise<string | null>;

const landings = registry<JoinLanding>('workshop-join-landings');

/** Registers a capability's landing rule (once per name). */
export function registerJoinLanding(name: string, landing: JoinLanding): void {
	landings.set(name, landing);
}

/** The path a participant of this workshop lands on. */
export async function landingFor(db: Db, workshopId: string): Promise<string> {
	for (const landing of landings.values()) {
		const path = await landing(db, workshopId);
		if (path) return path;
	}
	return `/w/${workshopId}`;
}
