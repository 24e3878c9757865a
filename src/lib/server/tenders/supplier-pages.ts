/**
 * The supplier's tender form read into the API's own schemas, so the page and the API refuse the
 * same things with the same Swedish messages (the page's policy check is `pages.ts`'s `pageTender`).
 */
/** "1 250 000,50" or "1250000.5" as a number; null for empty, NaN for anything else (the schema refuses it). */
export function priceFromForm(value: string): number | null {
	const cleaned = value.replace(/[\s\u00a0\u202f]/g, '').replace(/kr$/i, '').replace(',', '.');
	if (cleaned === '') return null;
	return /^\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}

/**
 * A supplier's tender form → the body of `POST …/submissions` (and of the draft): `a_<requirementId>`
 * per requirement (empty answers left out), `price`, `attachment` (file ids), and confidentiality
 * rows `c_req`, `c_what`, `c_why` (rows left wholly empty are skipped).
 */
export function tenderFromForm(form: FormData, requirementIds: string[]) {
	const answers = requirementIds.map((id) => ({ requirementId: id, value: String(form.get(`a_${id}`) ?? '') })).filter((a) => a.value.trim() !== '');
	const scopes = form.getAll('c_req').map(String);
	const whys = form.getAll('c_why').map(String);
	const confidentiality = form
		.getAll('c_what')
		.map(String)
		.map((what, i) => ({ ...(scopes[i] ? { requirementId: scopes[i] } : {}), what, why: whys[i] ?? '' }))
		.filter((c) => c.what.trim() !== '' || c.why.trim() !== '');
	const attachments = [...new Set(form.getAll('attachment').map(String).filter(Boolean))];
	return { answers, priceSek: priceFromForm(String(form.get('price') ?? '')), confidentiality, attachments };
}
