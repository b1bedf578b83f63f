// What a log follower delivers: the container's lines and the lifecycle notices between them.

export interface LogLine {
	/** Monotonic sequence number within one follower (stable key for rendering). */
	seq: number;
	/** The line as the container wrote it (untrusted: sanitize before drawing). */
	text: string;
	/** Server timestamp (RFC3339 with nanoseconds) when known. */
	time?: string;
	/** Which instance of the container wrote it: 1 = first run, n = restartCount + 1. */
	instance: number;
}

/** Lifecycle notices interleaved with the lines, in order. */
export type LogNotice =
	| {kind: 'waiting'; reason: string; message?: string}
	| {kind: 'streaming'; instance: number; containerID?: string}
	| {kind: 'restarted'; instance: number; exitCode?: number; reason?: string; finishedAt?: string}
	/** An instance that ran and ended before its log could be read, and the API no longer serves. */
	| {kind: 'unavailable'; instance: number}
	| {kind: 'terminated'; reason: string; exitCode: number}
	| {kind: 'disconnected'; error: string}
	| {kind: 'resumed'}
	| {kind: 'error'; message: string};

export type LogEntry = {type: 'line'; line: LogLine} | {type: 'notice'; seq: number; notice: LogNotice; at: number};
