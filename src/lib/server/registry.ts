/**
 * A process-wide registry. Two copies of the server code run in one process (the SvelteKit
 * bundle and the Node entry in `server/`, see `app.ts`); a plain module-level Map would exist
 * once per copy, so a job handler registered by one copy would be unknown to the runner in the
 * other. Registries therefore live on `globalThis` under a well-known symbol.
 */
export function registry<V>(name: string): Map<string, V> {
	const key = Symbol.for(`brygga.registry.${name}`);
	const holder = globalThis as Record<symbol, Map<string, V> | undefined>;
	return (holder[key] ??= new Map<string, V>());
}
