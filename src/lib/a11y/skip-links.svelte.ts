/**
 * Page-specific skip links ("skip to board") shown beside the site's "skip to content", so a
 * keyboard user reaches a page's main work area from the very first Tab — past the header,
 * the initiative's tabs and the facilitator's controls.
 *
 * The root layout owns the list (one per page tree, via context, never module state shared
 * between server requests); a page adds its links with `useSkipLink` while it is mounted.
 * Links appear once the page has hydrated: the target works on focus, which needs script.
 */
import { getContext, setContext } from 'svelte';

export interface SkipLink {
	/** The id of the element that receives focus. */
	target: string;
	label: string;
}

const KEY = Symbol('skip-links');

export class SkipLinks {
	list = $state<SkipLink[]>([]);

	add(link: SkipLink): () => void {
		this.list = [...this.list, link];
		return () => {
			this.list = this.list.filter((l) => l !== link);
		};
	}
}

/** In the root layout: create the list the layout renders. */
export function provideSkipLinks(): SkipLinks {
	return setContext(KEY, new SkipLinks());
}

/** In a page: offer a skip link to the element with id `target` while the page is mounted. */
export function useSkipLink(link: () => SkipLink): void {
	const links = getContext<SkipLinks | undefined>(KEY);
	$effect(() => {
		if (!links) return;
		return links.add(link());
	});
}

/** Moves focus to the skip link's target (making it focusable if need be) and scrolls it into view. */
export function followSkipLink(event: MouseEvent, target: string): void {
	const el = document.getElementById(target);
	if (!el) return;
	event.preventDefault();
	if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
	el.focus();
	el.scrollIntoView({ block: 'start' });
}
