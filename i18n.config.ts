/** Paraglide options, shared by the Vite plugin and `scripts/paraglide.ts` (used before tests). */
export const paraglideOptions = {
	project: './project.inlang',
	outdir: './src/lib/paraglide',
	// Swedish first: the language cookie if the user chose one, otherwise Swedish.
	strategy: ['cookie', 'baseLocale'] as ['cookie', 'baseLocale'],
	cookieName: 'brygga_lang'
};
