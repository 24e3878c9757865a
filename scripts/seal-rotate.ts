/**
 * Rotates the seal key (see `src/lib/server/tenders/rotate.ts` and the README, "Key handling and
 * backups"). Stop the server first. Configuration as for the server (DATABASE_URL or DATA_DIR,
 * SEAL_KEY); with SEAL_KEY, give the new key as SEAL_KEY_NEW.
 *
 *   npm run seal:rotate
 */
import { loadConfig } from '../src/lib/server/config.ts';
import { openDatabase } from '../src/lib/server/db/index.ts';
import { RotationError, rotateConfigured } from '../src/lib/server/tenders/rotate.ts';
import '../src/lib/server/audit/events.ts';

const config = loadConfig(process.env);
const newKeyText = process.env.SEAL_KEY_NEW;
const newKey = newKeyText ? Buffer.from(newKeyText, 'base64') : undefined;
if (newKey && newKey.length !== 32) {
	console.error('SEAL_KEY_NEW must be base64 of exactly 32 bytes.');
	process.exit(2);
}
if (newKey && config.SEAL_KEY && Buffer.from(config.SEAL_KEY, 'base64').equals(newKey)) {
	console.error('SEAL_KEY_NEW is the same key as SEAL_KEY.');
	process.exit(2);
}

const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
try {
	const result = await rotateConfigured(database.db, config, { newKey });
	console.log(`Re-wrapped the data keys of ${result.rounds} tender round(s) in one transaction; no tender was decrypted.`);
	if (result.keyFile) {
		console.log(`New seal key: ${result.keyFile} (mode 0600). The old key is kept as ${result.oldKeyFile}.`);
		console.log('Back up the new key file apart from the database backups, then delete the old key file.');
	} else {
		console.log('Now set SEAL_KEY to the value of SEAL_KEY_NEW, back it up apart from the database backups, and start the server.');
	}
} catch (e) {
	if (e instanceof RotationError) {
		console.error(e.message);
		process.exitCode = 1;
	} else throw e;
} finally {
	await database.close();
}
