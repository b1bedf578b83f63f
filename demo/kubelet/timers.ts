// Scaled, cancellable timers. Every delay the kubelet and the scenarios use is "seconds of
// cluster time" divided by `speed`; clear() cancels everything (children included) so the
// process can exit and a deleted pod's program stops at once.

export class Timers {
	private readonly handles = new Set<NodeJS.Timeout>();
	private readonly sleepers = new Set<() => void>();
	private readonly children = new Set<Timers>();
	private cleared = false;

	constructor(readonly speed: number, private readonly parent?: Timers) {
		if (!(speed > 0)) throw new Error(`speed must be a positive number, got ${speed}`);
	}

	get stopped(): boolean {
		return this.cleared;
	}

	/** Runs `fn` after `seconds` of cluster time. */
	after(seconds: number, fn: () => void): void {
		if (this.cleared) return;
		const handle = setTimeout(() => {
			this.handles.delete(handle);
			if (!this.cleared) fn();
		}, Math.max(0, (seconds * 1000) / this.speed));
		this.handles.add(handle);
	}

	/** Runs `fn` every `seconds` of cluster time (first run after one period) until cleared. */
	every(seconds: number, fn: () => void): void {
		this.after(seconds, () => {
			fn();
			this.every(seconds, fn);
		});
	}

	/** Resolves true after `seconds` of cluster time, or false as soon as the timers are cleared. */
	sleep(seconds: number): Promise<boolean> {
		if (this.cleared) return Promise.resolve(false);
		return new Promise(resolve => {
			const wake = () => {
				this.sleepers.delete(wake);
				resolve(false);
			};
			this.sleepers.add(wake);
			this.after(seconds, () => {
				this.sleepers.delete(wake);
				resolve(true);
			});
		});
	}

	child(): Timers {
		const child = new Timers(this.speed, this);
		if (this.cleared) child.clear();
		else this.children.add(child);
		return child;
	}

	clear(): void {
		if (this.cleared) return;
		this.cleared = true;
		for (const handle of this.handles) clearTimeout(handle);
		this.handles.clear();
		for (const wake of [...this.sleepers]) wake();
		for (const child of [...this.children]) child.clear();
		this.parent?.children.delete(this);
	}
}
