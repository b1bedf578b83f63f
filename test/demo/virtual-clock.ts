// A virtual clock for tests whose outcome depends on time passing (the demo kubelet's delays, the
// churn's rate, the event spam filter): node:test's mock timers move only when the test says so,
// so a busy machine cannot stretch a delay or add minutes.

/** node:test's mock timers (`t.mock.timers`), enabled for setTimeout, setInterval and Date. */
export type MockClock = Pick<import('node:test').MockTimers, 'enable' | 'tick'>;

/**
 * Takes over the clock (call it before starting what uses it, e.g. `startHarness`): every timer
 * and Date.now() follow a virtual clock that only `advanceUntil` / `advanceBy` move.
 */
export function freezeClock(clock: MockClock): void {
	clock.enable({apis: ['setTimeout', 'setInterval', 'Date'], now: Date.now()});
}

/**
 * Moves the virtual clock 10 ms at a time (letting promises settle in between) until `probe`
 * holds; fails with `what` after `limitMs` of virtual time.
 */
export async function advanceUntil(clock: MockClock, what: string, probe: () => boolean, limitMs: number): Promise<void> {
	for (let elapsed = 0; !probe(); elapsed += 10) {
		if (elapsed > limitMs) throw new Error(`${what} did not happen within ${limitMs} ms of virtual time`);
		clock.tick(10);
		for (let i = 0; i < 3; i++) await new Promise(resolve => setImmediate(resolve));
	}
}

/** Moves the virtual clock by `ms`. */
export async function advanceBy(clock: MockClock, ms: number): Promise<void> {
	const end = Date.now() + ms;
	await advanceUntil(clock, `${ms} ms passing`, () => Date.now() >= end, ms + 10);
}
