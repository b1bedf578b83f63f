// Lines of a pods/log stream requested with timestamps=true: "<RFC3339Nano> <text>".
import type {IncomingMessage} from 'node:http';
import {LineSplitter} from './line-splitter.js';

/** All lines of a finite log response; rejects with `cutOff()` if the body ends early. */
export function readAllLines(response: IncomingMessage, cutOff: () => Error): Promise<string[]> {
	const lines: string[] = [];
	const splitter = new LineSplitter(line => lines.push(line));
	return new Promise((resolvePromise, reject) => {
		response.on('data', (chunk: Buffer) => splitter.push(chunk));
		response.on('end', () => {
			splitter.end();
			resolvePromise(lines);
		});
		response.on('error', reject);
		response.on('close', () => {
			if (!response.complete) reject(cutOff());
		});
	});
}

export interface TimedLine {
	text: string;
	/** The server's timestamp as sent, when the line had one. */
	time?: string;
}

const timestampPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export function splitTimestamp(line: string): TimedLine {
	const space = line.indexOf(' ');
	const prefix = space === -1 ? line : line.slice(0, space);
	if (prefix.length < 20 || prefix.length > 35 || !timestampPattern.test(prefix)) return {text: line};
	return {text: space === -1 ? '' : line.slice(space + 1), time: prefix};
}

/** A sortable key with nanosecond precision (Date only keeps milliseconds). */
export function timeKey(time: string): string {
	const match = /^(.{19})(?:\.(\d{1,9}))?(.*)$/.exec(time);
	if (!match) return time;
	const seconds = Math.floor(Date.parse(`${match[1]}${match[3]}`) / 1000);
	return `${String(seconds).padStart(12, '0')}.${(match[2] ?? '').padEnd(9, '0')}`;
}

/** sinceTime for a resume: the API server truncates it to whole seconds anyway. */
export function sinceTimeOf(time: string): string {
	const ms = Date.parse(time.replace(/\.\d+/, ''));
	return Number.isNaN(ms) ? time : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Drops lines a resumed stream repeats. The resume asks for sinceTime = the last line's second,
 * so the server re-sends that whole second: skip lines older than the last one seen, and at the
 * exact same timestamp skip as many identical texts as were already seen.
 */
export class ResumeFilter {
	private lastRaw: string | undefined;
	private lastKey: string | undefined;
	/** Texts kept at the last timestamp, in order. */
	private sameTime: string[] = [];
	/** During a resume: texts at the last timestamp not yet seen again. */
	private repeats: string[] | undefined;

	/** Record a line that was kept. */
	seen(line: TimedLine): void {
		if (line.time === undefined) return;
		if (line.time !== this.lastRaw) {
			const key = timeKey(line.time);
			this.lastRaw = line.time;
			if (key !== this.lastKey) {
				this.lastKey = key;
				this.sameTime = [];
			}
		}
		this.sameTime.push(line.text);
	}

	/** Start filtering the repeat of a resumed stream. */
	resume(): void {
		this.repeats = this.lastKey === undefined ? undefined : [...this.sameTime];
	}

	/** A new instance's stream starts: nothing it sends is a repeat. */
	fresh(): void {
		this.repeats = undefined;
	}

	/** True if the line is a repeat and must be dropped. */
	isRepeat(line: TimedLine): boolean {
		if (this.repeats === undefined || line.time === undefined) return false;
		const key = timeKey(line.time);
		if (key < this.lastKey!) return true;
		if (key === this.lastKey) {
			const index = this.repeats.indexOf(line.text);
			if (index === -1) return false;
			// Consumed, so a genuinely repeated text at the same instant is kept.
			this.repeats.splice(index, 1);
			return true;
		}
		this.repeats = undefined;
		return false;
	}

	/** The timestamp of the last kept line. */
	get lastTime(): string | undefined {
		return this.lastRaw;
	}
}
