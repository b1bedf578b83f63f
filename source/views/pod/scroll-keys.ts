// The scrolling keys both text screens share: j/k ↓/↑ a line, PgDn/PgUp Space Ctrl-F/B a page, g/G ends.
import type {Key} from 'ink';

/** The new top line for a scrolling key, or undefined when the key does not scroll. */
export function scrollTarget(input: string, key: Key, top: number, page: number, maxTop: number): number | undefined {
	let next: number | undefined;
	if (key.upArrow || input === 'k') next = top - 1;
	else if (key.downArrow || input === 'j') next = top + 1;
	else if (key.pageUp || (key.ctrl && input === 'b')) next = top - page;
	else if (key.pageDown || input === ' ' || (key.ctrl && input === 'f')) next = top + page;
	else if (key.home || input === 'g') next = 0;
	else if (key.end || input === 'G') next = maxTop;
	return next === undefined ? undefined : Math.min(maxTop, Math.max(0, next));
}
