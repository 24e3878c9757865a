/**
 * Geometry of an indicator chart (pure, unit-tested): dates on x, values on y, with room for
 * the baseline and the target, so the SVG component only draws.
 */
export interface ChartSeries {
	label: string;
	points: Array<{ date: string; value: number; confirmed: boolean }>;
}
export interface ChartInput {
	series: ChartSeries[];
	baseline: { value: number; date: string | null } | null;
	target: number;
}

export const WIDTH = 640;
export const HEIGHT = 260;
export const PAD = { left: 56, right: 16, top: 16, bottom: 40 };

const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/** Rounded tick values covering [min, max]. */
export function ticks(min: number, max: number, count = 5): number[] {
	if (min === max) return [min];
	const raw = (max - min) / count;
	const mag = 10 ** Math.floor(Math.log10(raw));
	const step = [1, 2, 2.5, 5, 10].map((f) => f * mag).find((s) => s >= raw) ?? raw;
	const out: number[] = [];
	for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) out.push(Number(v.toFixed(10)));
	return out;
}

export function layout(input: ChartInput) {
	const dates = input.series.flatMap((s) => s.points.map((p) => p.date));
	if (input.baseline?.date) dates.push(input.baseline.date);
	const values = input.series.flatMap((s) => s.points.map((p) => p.value));
	values.push(input.target);
	if (input.baseline) values.push(input.baseline.value);
	let x0 = dates.length ? Math.min(...dates.map(dayNumber)) : 0;
	let x1 = dates.length ? Math.max(...dates.map(dayNumber)) : 1;
	if (x0 === x1) {
		x0 -= 15;
		x1 += 15;
	}
	let y0 = Math.min(...values);
	let y1 = Math.max(...values);
	const span = y1 - y0 || Math.abs(y1) || 1;
	y0 -= span * 0.1;
	y1 += span * 0.1;
	if (Math.min(...values) >= 0 && y0 < 0) y0 = 0;
	const w = WIDTH - PAD.left - PAD.right;
	const h = HEIGHT - PAD.top - PAD.bottom;
	const x = (iso: string) => PAD.left + ((dayNumber(iso) - x0) / (x1 - x0)) * w;
	const y = (v: number) => PAD.top + (1 - (v - y0) / (y1 - y0)) * h;
	return { x, y, yTicks: ticks(y0, y1), xLeft: PAD.left, xRight: WIDTH - PAD.right, yTop: PAD.top, yBottom: HEIGHT - PAD.bottom };
}
