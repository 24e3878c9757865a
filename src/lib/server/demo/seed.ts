import type { App } from '../app.ts';
/** Seeds the demo into an empty database (written by the initiatives module). */
export async function seedDemo(_app: App): Promise<void> {}
