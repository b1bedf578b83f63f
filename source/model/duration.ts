// Durations as Kubernetes prints them.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;

/**
 * apimachinery `duration.HumanDuration`: AGE, "(5m ago)" and describe's event ages.
 * `ms` is a signed duration in milliseconds.
 */
export function humanDuration(ms: number): string {
	const seconds = Math.trunc(ms / SECOND);
	if (seconds < -1) return '<invalid>';
	if (seconds < 0) return '0s';
	if (seconds < 120) return `${seconds}s`;
	const minutes = Math.floor(ms / MINUTE);
	if (minutes < 10) {
		const s = seconds % 60;
		return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
	}
	if (minutes < 180) return `${minutes}m`;
	const hours = Math.floor(ms / HOUR);
	if (hours < 8) {
		const m = minutes % 60;
		return m === 0 ? `${hours}h` : `${hours}h${m}m`;
	}
	if (hours < 48) return `${hours}h`;
	if (hours < 192) {
		const h = hours % 24;
		const days = Math.floor(hours / 24);
		return h === 0 ? `${days}d` : `${days}d${h}h`;
	}
	if (hours < 2 * 365 * 24) return `${Math.floor(hours / 24)}d`;
	if (hours < 8 * 365 * 24) {
		const years = Math.floor(hours / 24 / 365);
		const d = Math.floor(hours / 24) % 365;
		return d === 0 ? `${years}y` : `${years}y${d}d`;
	}
	return `${Math.floor(hours / 24 / 365)}y`;
}

/** Go's `time.Duration.String()` for whole seconds, as in kubelet messages: `10s`, `1m20s`, `5m0s`, `1h0m0s`. */
export function goDuration(ms: number): string {
	const total = Math.round(ms / SECOND);
	if (total === 0) return '0s';
	const sign = total < 0 ? '-' : '';
	let rest = Math.abs(total);
	const h = Math.floor(rest / 3600);
	rest %= 3600;
	const m = Math.floor(rest / 60);
	const s = rest % 60;
	if (h > 0) return `${sign}${h}h${m}m${s}s`;
	if (m > 0) return `${sign}${m}m${s}s`;
	return `${sign}${s}s`;
}

/** Milliseconds since an RFC3339 timestamp, or undefined when absent or unparsable. */
export function msSince(timestamp: string | null | undefined, now: number): number | undefined {
	if (!timestamp) return undefined;
	const at = Date.parse(timestamp);
	return Number.isNaN(at) ? undefined : now - at;
}

export const durations = {SECOND, MINUTE, HOUR, DAY, YEAR} as const;
