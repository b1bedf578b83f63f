// Timings of the watch loop and the log follower. Defaults suit a real cluster; tests (and
// end-to-end runs of the built CLI) shorten them through options or environment variables:
//   INITK9_WATCH_TIMEOUT_SECONDS  server-side watch timeout (default: random 300–600 s)
//   INITK9_WATCHDOG_MS            a watch silent this long is dead (default 150,000 ms)
//   INITK9_BACKOFF_MS             back-off base, or "base,cap" (default 800,30000 ms)
//   INITK9_POLL_MS                LIST interval while watches keep stalling (default 10,000 ms)
//   INITK9_LIST_PAGE_SIZE         full objects per list page (default 2,000; benchmarks compare sizes)
//   INITK9_FULL_LIST_ALONGSIDE    1: full list from the first printed page on, 0: from the last one's head (default)

export interface Tunables {
	/** Server-side watch timeout; called per watch so it can be randomised. */
	watchTimeoutSeconds: () => number;
	/** No byte (event or bookmark) for this long → the watch is dead: abort and reconnect. */
	watchdogMs: number;
	backoffBaseMs: number;
	backoffCapMs: number;
	/**
	 * Full objects per list page. At 30,000 pods, pages of 500 cost 60 round trips (the server's
	 * per-request work, then ours) where 6 of 5,000 do (bench figure 7). Read one page ahead, 2,000
	 * pods (~3.5 MB of JSON) reach the details as soon as 5,000 and hold less at once: peak RSS at
	 * 10,000 pods under churn 196/199 → 187/173 MB, at 30,000 idle 259 → 238 MB (bench/RESULTS.md).
	 */
	pageSize: number;
	/**
	 * Rows per page of the printed (Table) list the first screen is drawn from. A printed row is
	 * ~400 bytes: 5,000 rows are ~2 MB, where 500 full pods are ~0.8 MB. Fewer round trips matter
	 * for the first screen (10 ms each on localhost while the UI loads, an RTT each on a remote
	 * cluster).
	 */
	printedPageSize: number;
	/**
	 * true: the full list starts once the first printed page is in, alongside the other printed
	 * pages; false: once the last printed page has begun to arrive (its head is read, see
	 * paginate in resource-watch.ts). On this 2-core machine (CPU-bound, the server
	 * local) alongside drew the whole first table later at 30,000 pods and the details no sooner
	 * (bench/RESULTS.md, issue 20): off by default; a remote cluster's round trips may favour it.
	 */
	fullListAlongside: boolean;
	/** Socket idle timeout for plain (non-streaming) requests. */
	requestTimeoutMs: number;
	/** This many watch stalls or failures (while lists answer) within `fallbackWindowMs` → polling. */
	fallbackFailures: number;
	fallbackWindowMs: number;
	/** While polling: a LIST this often (a watch is retried in the background meanwhile). */
	pollIntervalMs: number;
}

// Real servers send a bookmark about once a minute: two missed bookmarks plus a margin.
const defaults: Tunables = {
	watchTimeoutSeconds: () => 300 + Math.floor(Math.random() * 300),
	watchdogMs: 150_000,
	backoffBaseMs: 800,
	backoffCapMs: 30_000,
	pageSize: 2000,
	printedPageSize: 5000,
	fullListAlongside: false,
	requestTimeoutMs: 30_000,
	fallbackFailures: 3,
	fallbackWindowMs: 300_000,
	pollIntervalMs: 10_000,
};

function positive(value: string | undefined): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const number = Number(value);
	return Number.isFinite(number) && number > 0 ? number : undefined;
}

export function tunablesFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<Tunables> {
	const result: Partial<Tunables> = {};
	const timeout = positive(env.INITK9_WATCH_TIMEOUT_SECONDS);
	if (timeout !== undefined) result.watchTimeoutSeconds = () => Math.ceil(timeout);
	const watchdog = positive(env.INITK9_WATCHDOG_MS);
	if (watchdog !== undefined) result.watchdogMs = watchdog;
	const poll = positive(env.INITK9_POLL_MS);
	if (poll !== undefined) result.pollIntervalMs = poll;
	if (env.INITK9_FULL_LIST_ALONGSIDE === '0' || env.INITK9_FULL_LIST_ALONGSIDE === '1') result.fullListAlongside = env.INITK9_FULL_LIST_ALONGSIDE === '1';
	const pageSize = positive(env.INITK9_LIST_PAGE_SIZE);
	if (pageSize !== undefined) result.pageSize = Math.ceil(pageSize);
	const [base, cap] = (env.INITK9_BACKOFF_MS ?? '').split(',').map(positive);
	if (base !== undefined) {
		result.backoffBaseMs = base;
		result.backoffCapMs = cap ?? Math.max(base * 16, base);
	}
	return result;
}

/** Defaults, overridden by the environment, overridden by explicit options. */
export function resolveTunables(options: Partial<Tunables> = {}, env?: NodeJS.ProcessEnv): Tunables {
	return {...defaults, ...tunablesFromEnv(env), ...stripUndefined(options)};
}

function stripUndefined<T extends object>(object: T): Partial<T> {
	return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Partial<T>;
}
