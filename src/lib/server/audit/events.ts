/**
 * The one place every capability's journal sentences are registered. A module that writes a
 * new journal action adds its `events.ts` here; `events.spec.ts` fails for any action written
 * in the source that has no sentence.
 */
import '../initiatives/events.ts';
import '../workshops/events.ts';
import '../needs/events.ts';
import '../advisor/events.ts';
import '../requirements/events.ts';
import '../auth/events.ts';
import '../organisations/events.ts';
import '../demo/events.ts';
import '../exports/events.ts';
import '../rfi/events.ts';
import '../tenders/events.ts';
import '../reports/events.ts';
import '../sprints/events.ts';
import '../pilots/events.ts';
import '../sprints/live/events.ts';

export { describe, registeredActions, isRegistered, kindName, type Lookup, type Locale, type Detail } from './format.ts';
