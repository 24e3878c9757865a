/** Compiles the message files (same options as the Vite plugin), for tools that run without Vite. */
import { compile } from '@inlang/paraglide-js';
import { paraglideOptions } from '../i18n.config.ts';

await compile(paraglideOptions);
