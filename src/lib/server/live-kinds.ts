/**
 * The live-document kinds of Brygga, one registration line each. Each kind is defined by the
 * capability that owns it (`<capability>/doc-kind.ts`); see `collab/kinds.ts` and
 * docs/collab.md ("Adding a document kind").
 */
import { registerDocKind } from './collab/kinds.ts';
import { briefDocKind } from './initiatives/doc-kind.ts';
import { requirementsDocKind } from './requirements/doc-kind.ts';
import { workshopDocKind } from './workshops/doc-kind.ts';
import { sprintRoomDocKind } from './sprints/doc-kind.ts';
import { pilotDocKind } from './pilots/doc-kind.ts';
import { stageBoardKinds } from './sprints/live/doc-kinds.ts';

registerDocKind(briefDocKind);
registerDocKind(requirementsDocKind);
registerDocKind(workshopDocKind);
registerDocKind(sprintRoomDocKind);
registerDocKind(pilotDocKind);
for (const kind of stageBoardKinds) registerDocKind(kind);
