// Splits a byte stream into lines. Chunks end anywhere (mid-line, mid-UTF-8 sequence); a line
// may be megabytes long. Pieces are joined only once their newline arrives, so a 1 MB object in
// 64 KB chunks costs one concat, not sixteen.

export class LineSplitter {
	private pending: Buffer[] = [];
	private pendingBytes = 0;

	/**
	 * @param onLine called per complete line, without its '\n' (and without a trailing '\r')
	 * @param maxLineBytes a line longer than this is emitted in pieces so junk without newlines
	 *   cannot grow memory without bound
	 */
	constructor(
		private readonly onLine: (line: string) => void,
		private readonly maxLineBytes = 16 * 1024 * 1024,
	) {}

	push(chunk: Buffer): void {
		let start = 0;
		for (;;) {
			const newline = chunk.indexOf(10, start);
			if (newline === -1) break;
			this.emit(chunk.subarray(start, newline));
			start = newline + 1;
		}
		if (start < chunk.length) {
			this.pending.push(chunk.subarray(start));
			this.pendingBytes += chunk.length - start;
			if (this.pendingBytes >= this.maxLineBytes) this.emit(Buffer.alloc(0));
		}
	}

	/** Emits what is left as a last line (the stream ended without a final newline). */
	end(): void {
		if (this.pendingBytes > 0) this.emit(Buffer.alloc(0));
	}

	private emit(tail: Buffer): void {
		let bytes = tail;
		if (this.pending.length > 0) {
			this.pending.push(tail);
			bytes = Buffer.concat(this.pending, this.pendingBytes + tail.length);
			this.pending = [];
			this.pendingBytes = 0;
		}
		let text = bytes.toString('utf8');
		if (text.endsWith('\r')) text = text.slice(0, -1);
		this.onLine(text);
	}
}
