/**
 * The public version of a round's tenders as a committee document (rule 4): after the award,
 * every tender with the parts under granted — or not yet assessed — confidentiality requests
 * already replaced by their marker in `tenders.publicVersion`. This module only lays it out; it
 * never sees what was masked.
 */
import type { Block, ExportDocument } from './document.ts';
import { para, slug, swedishDateTime, swedishSek } from './document.ts';

export interface PublicTenders {
	title: string;
	awardedAt: string | null;
	tenders: Array<{
		receiptId: string;
		organisation: { name: string };
		receivedAt: string;
		sha256: string;
		awarded: boolean;
		priceSek: number | string | null;
		answers: Array<{ requirementId: string; value: string }>;
	}>;
}

export function publicTendersDocument(initiativeTitle: string, pub: PublicTenders, requirementText: (id: string) => string | null, at: Date): ExportDocument {
	const blocks: Block[] = [
		{ kind: 'heading', level: 1, text: pub.title },
		para(
			'Anbuden är allmänna handlingar efter tilldelningsbeslutet. Delar som leverantören har begärt sekretess för, och som inte har prövats eller där sekretess har beviljats, är ersatta med en markering som anger vad som omfattas och varför.'
		)
	];
	if (!pub.tenders.length) blocks.push(para('Inga anbud kom in.', { italic: true }));
	for (const t of pub.tenders) {
		blocks.push({ kind: 'heading', level: 2, text: `${t.organisation.name}${t.awarded ? ' (tilldelad)' : ''}` });
		blocks.push({ kind: 'field', label: 'Mottaget', value: swedishDateTime(t.receivedAt) });
		blocks.push({ kind: 'field', label: 'Kvitto', value: t.receiptId });
		blocks.push({ kind: 'field', label: 'SHA-256', value: t.sha256 });
		blocks.push({ kind: 'field', label: 'Pris', value: typeof t.priceSek === 'number' ? swedishSek(t.priceSek) : (t.priceSek ?? '–') });
		blocks.push({
			kind: 'table',
			caption: `Svar – ${t.organisation.name}`,
			headers: ['Krav', 'Svar'],
			rows: t.answers.map((a) => {
				const text = requirementText(a.requirementId);
				return [text ? `${a.requirementId} ${text}` : a.requirementId, a.value];
			})
		});
	}
	return {
		kind: 'Anbud, offentlig version',
		initiativeTitle,
		meta: [`Uttaget ${swedishDateTime(at)}.`, ...(pub.awardedAt ? [`Tilldelningsbeslut ${swedishDateTime(pub.awardedAt)}.`] : [])],
		blocks,
		fileBase: `anbud-offentlig-version-${slug(pub.title)}`
	};
}
