// The log buffer: a bounded ring of entries that a UI can read ten times a second while lines
// arrive at tens of thousands per second. Appends are O(1) amortised (the backing array is
// compacted once per `cap` drops, never per line); entries() copies at most once per change.
import type {LogEntry} from './types.js';

export class LogRing {
	private buffer: LogEntry[] = [];
	private head = 0;
	private snapshot: readonly LogEntry[] | undefined;
	private droppedLines = 0;
	private changes = 0;

	constructor(readonly cap: number) {
		if (!Number.isInteger(cap) || cap < 1) throw new RangeError(`log buffer cap must be a positive integer, got ${cap}`);
	}

	get size(): number {
		return this.buffer.length - this.head;
	}

	get dropped(): number {
		return this.droppedLines;
	}

	/** Increments on every push. */
	get version(): number {
		return this.changes;
	}

	push(entry: LogEntry): void {
		this.buffer.push(entry);
		if (this.buffer.length - this.head > this.cap) {
			if (this.buffer[this.head]!.type === 'line') this.droppedLines++;
			this.head++;
			if (this.head >= this.cap) {
				this.buffer = this.buffer.slice(this.head);
				this.head = 0;
			}
		}
		this.snapshot = undefined;
		this.changes++;
	}

	/** The current content, oldest first; the same array until the next push. */
	entries(): readonly LogEntry[] {
		this.snapshot ??= this.buffer.slice(this.head);
		return this.snapshot;
	}
}
