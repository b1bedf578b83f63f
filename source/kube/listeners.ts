// Change listeners of a watch or follower: called in order, isolated from each other (a broken
// listener must not break the stream that feeds the others).

export class Listeners {
	private readonly set = new Set<() => void>();

	add(listener: () => void): () => void {
		this.set.add(listener);
		return () => this.set.delete(listener);
	}

	notify(): void {
		for (const listener of [...this.set]) {
			try {
				listener();
			} catch {
				// Ignored on purpose; see above.
			}
		}
	}

	clear(): void {
		this.set.clear();
	}
}
