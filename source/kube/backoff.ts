// Exponential back-off with jitter, and a sleep that a stop() cuts short.

export class Backoff {
	private attempts = 0;

	constructor(
		private readonly baseMs: number,
		private readonly capMs: number,
		private readonly random: () => number = Math.random,
	) {}

	/** Failures since the last reset (1 after the first failure). */
	get attempt(): number {
		return this.attempts;
	}

	/** Delay before the next try: base·2^(n-1) capped, jittered into [½·d, d]. */
	next(): number {
		this.attempts++;
		const delay = Math.min(this.capMs, this.baseMs * 2 ** Math.min(this.attempts - 1, 30));
		return delay / 2 + (this.random() * delay) / 2;
	}

	reset(): void {
		this.attempts = 0;
	}
}

/** Resolves after `ms`, or early (without error) when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise(resolve => {
		if (signal?.aborted) return resolve();
		const done = () => {
			clearTimeout(timer);
			signal?.removeEventListener('abort', done);
			resolve();
		};
		const timer = setTimeout(done, ms);
		signal?.addEventListener('abort', done, {once: true});
	});
}
