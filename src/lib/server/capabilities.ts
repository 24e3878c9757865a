/**
 * Every capability that registers scheduled jobs, notification kinds or file purposes. The Node
 * entry imports this before its job runner starts (a reminder falling due right after a restart
 * finds its handler), and the SvelteKit hooks import it too (the bell renders every kind, also
 * under `vite dev`, before any page of that capability has been opened).
 */
import './rfi/index.ts';
import './tenders/index.ts';
import './reports/index.ts';
import './templates/index.ts';
import './sprints/index.ts';
import './pilots/index.ts';
import './sprints/live/hooks.ts';
