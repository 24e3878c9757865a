/**
 * The installation's platform administrator in the e2e runs. Demo personas never administer the
 * platform, so the setup project (`platform-admin.setup.ts`) signs this account up first on the
 * fresh database: the first real account becomes platform administrator.
 */
import { PASSWORD, type Person } from './accounts.ts';

export const PLATFORM_ADMIN: Person = {
	name: 'Petra Plattform',
	email: 'petra.plattform@e2e.brygga.test',
	password: PASSWORD
};
