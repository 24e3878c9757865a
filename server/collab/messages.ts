/**
 * The y-websocket protocol on the server side, one message at a time. Sync step 1 is answered
 * with what the client lacks; updates (sync step 2 and update) from writers enter the write
 * pipeline and are dropped for read-only connections; presence goes through the server's
 * identity rules. Anything that does not decode closes this one connection.
 */
import * as decoding from 'lib0/decoding';
import { MESSAGE, SYNC, CLOSE } from '../../src/lib/collab/protocol.ts';
import type { App } from '../../src/lib/server/app.ts';
import { authorOf, endConnection, type Connection } from './connection.ts';
import { InvalidUpdateError, type LiveDocument } from './documents.ts';

function refuse(app: App, conn: Connection, reason: string, extra: Record<string, unknown> = {}): void {
	app.log.warn('collab.bad_message', { doc: conn.docName, conn: conn.id, principal: conn.principal, reason, ip: conn.ip, ...extra });
	endConnection(conn, CLOSE.badMessage, 'bad message');
}

export function handleMessage(app: App, doc: LiveDocument, conn: Connection, data: Uint8Array): void {
	try {
		const decoder = decoding.createDecoder(data);
		const type = decoding.readVarUint(decoder);
		switch (type) {
			case MESSAGE.sync: {
				const sub = decoding.readVarUint(decoder);
				if (sub === SYNC.step1) {
					const stateVector = decoding.readVarUint8Array(decoder);
					// After missed cross-process messages, answer from the repaired state.
					if (doc.catching) void doc.catching.then(() => doc.send(conn, doc.syncStep2For(stateVector)));
					else doc.send(conn, doc.syncStep2For(stateVector));
				} else if (sub === SYNC.step2 || sub === SYNC.update) {
					const update = decoding.readVarUint8Array(decoder);
					if (!conn.canWrite) {
						// Read-only: not applied, not stored, not broadcast. A step 2 is every client's
						// normal answer to the server's step 1; only real edits count as attempts.
						if (sub === SYNC.update) {
							if (conn.droppedWrites === 0) {
								app.log.warn('collab.readonly_update_dropped', { doc: conn.docName, conn: conn.id, principal: conn.principal });
							}
							conn.droppedWrites++;
						}
						return;
					}
					doc.submit(update, authorOf(conn), conn).catch((err) => {
						if (err instanceof InvalidUpdateError) refuse(app, conn, err.reason, err.work === undefined ? {} : { work: err.work });
						// Storage failures are logged and handled by the pipeline.
					});
				} else {
					refuse(app, conn, 'unknown_sync_type');
				}
				return;
			}
			case MESSAGE.awareness: {
				doc.presence(conn, decoding.readVarUint8Array(decoder));
				return;
			}
			case MESSAGE.queryAwareness: {
				const msg = doc.presenceMessage(conn);
				if (msg) doc.send(conn, msg);
				return;
			}
			default:
				refuse(app, conn, 'unknown_message_type');
		}
	} catch {
		refuse(app, conn, 'malformed');
	}
}
