/**
 * Renders an `ExportDocument` as a Word file with the `docx` package (the same approach as the
 * requirements export), and answers an HTTP request with it as a download.
 */
import { Document, HeadingLevel, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Block, ExportDocument, Run } from './document.ts';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

function runs(rs: Run[]): TextRun[] {
	return rs.map((r) => new TextRun({ text: r.text, bold: r.bold, italics: r.italic }));
}

function blockToDocx(b: Block): Array<Paragraph | Table> {
	switch (b.kind) {
		case 'heading':
			return [new Paragraph({ heading: HEADINGS[b.level], children: [new TextRun(b.text)] })];
		case 'paragraph':
			return [new Paragraph({ children: runs(b.runs) })];
		case 'field':
			return [new Paragraph({ children: [new TextRun({ text: `${b.label}: `, bold: true }), new TextRun(b.value)] })];
		case 'list':
			return b.items.map((item) =>
				b.ordered
					? new Paragraph({ numbering: { reference: 'numbered', level: Math.min(item.level, 8) }, children: runs(item.runs) })
					: new Paragraph({ bullet: { level: Math.min(item.level, 8) }, children: runs(item.runs) })
			);
		case 'table': {
			const row = (cells: string[], header: boolean) =>
				new TableRow({
					tableHeader: header,
					children: cells.map((c) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: c, bold: header })] })] }))
				});
			return [
				new Paragraph({ children: [new TextRun({ text: b.caption, bold: true })] }),
				new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [row(b.headers, true), ...b.rows.map((r) => row(r, false))] }),
				new Paragraph({ children: [] })
			];
		}
	}
}

/** The Word file of a document: title, meta lines, then the blocks. */
export async function renderDocx(doc: ExportDocument): Promise<Uint8Array> {
	const children: Array<Paragraph | Table> = [
		new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(`${doc.kind} – ${doc.initiativeTitle}`)] }),
		...doc.meta.map((line) => new Paragraph({ children: [new TextRun({ text: line, size: 18 })] })),
		...doc.blocks.flatMap(blockToDocx)
	];
	const document = new Document({
		creator: 'Brygga',
		title: `${doc.kind} – ${doc.initiativeTitle}`,
		numbering: {
			config: [
				{
					reference: 'numbered',
					levels: Array.from({ length: 9 }, (_, level) => ({ level, format: LevelFormat.DECIMAL, text: `%${level + 1}.`, style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } } }))
				}
			]
		},
		sections: [{ children }]
	});
	return new Uint8Array(await Packer.toBuffer(document));
}

/** A download response for a rendered document. */
export function docxResponse(bytes: Uint8Array, fileBase: string): Response {
	return new Response(bytes as unknown as BodyInit, {
		headers: {
			'content-type': DOCX_TYPE,
			'content-disposition': `attachment; filename="${fileBase}.docx"`,
			'cache-control': 'no-store'
		}
	});
}
