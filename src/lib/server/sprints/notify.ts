/**
 * What a sprint tells people, and the sentences they read. A supplier's users hear about their
 * own room only; no notification's data names another supplier or another room.
 */
import { registerNotification } from '../notifications/index.ts';

registerNotification('sprint.room_opened', {
	sv: (d) => ({ title: `Sprintrum: ${d.title}`, body: 'Ni har fått ett eget rum i en innovationssprint. Läs och godkänn villkoren för deltagande för att öppna rummet.' }),
	en: (d) => ({ title: `Sprint room: ${d.title}`, body: 'You have your own room in an innovation sprint. Read and accept the terms of participation to open it.' })
});
registerNotification('sprint.terms_accepted', {
	sv: (d) => ({ title: `Villkor godkända: ${d.title}`, body: `Leverantören i rum ${d.letter} har godkänt villkoren; rummet är öppet.` }),
	en: (d) => ({ title: `Terms accepted: ${d.title}`, body: `The supplier in room ${d.letter} has accepted the terms; the room is open.` })
});
registerNotification('sprint.input_published', {
	sv: (d) => ({ title: `Nytt underlag: ${d.title}`, body: `Underlaget ”${d.input}” finns nu i ert sprintrum.` }),
	en: (d) => ({ title: `New input: ${d.title}`, body: `The input “${d.input}” is now in your sprint room.` })
});
registerNotification('sprint.question_asked', {
	sv: (d) => ({ title: `Ny fråga i ${d.title}`, body: `En fråga har ställts i rum ${d.letter}. Svara till alla rum från sprintkonsolen.` }),
	en: (d) => ({ title: `New question in ${d.title}`, body: `A question was asked in room ${d.letter}. Answer it to every room from the sprint console.` })
});
registerNotification('sprint.question_answered', {
	sv: (d) => ({ title: `Nytt svar: ${d.title}`, body: 'En fråga har besvarats. Svaret finns i ert sprintrum.' }),
	en: (d) => ({ title: `New answer: ${d.title}`, body: 'A question has been answered. The answer is in your sprint room.' })
});
/**
 * No longer sent: a finding's proposal is now an object of the requirements module, which sends
 * `requirements.proposal_created`. Kept so the bell can still read the notifications sent before.
 */
registerNotification('sprint.change_proposed', {
	sv: (d) => ({ title: `Förslag till kravändring från ${d.title}`, body: 'En lärdom i sprintloggen föreslår en ändring av kraven.' }),
	en: (d) => ({ title: `Requirements change proposed from ${d.title}`, body: 'A finding in the sprint log proposes a change to the requirements.' })
});
