// Which rows of a long list are in view: shared by the pod table and the pickers.

/** The first row in view so that `index` is visible, moving the window as little as possible. */
export function keepInView(index: number, top: number, limit: number, count: number): number {
	if (limit <= 0 || count <= limit) return 0;
	let start = Math.min(Math.max(0, top), count - limit);
	if (index < start) start = index;
	else if (index >= start + limit) start = index - limit + 1;
	return Math.max(0, start);
}
