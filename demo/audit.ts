// Every request the demo API server answered: lets tests prove a client never mutates anything.

export interface AuditEntry {
	method: string;
	path: string;
	query: string;
	status: number;
	at: number;
	userAgent?: string;
	/** The Accept header, when the client sent one (kubectl get asks for Tables). */
	accept?: string;
}

export interface AuditLog {
	readonly entries: ReadonlyArray<AuditEntry>;
	clear(): void;
}

export class MemoryAuditLog implements AuditLog {
	private list: AuditEntry[] = [];
	/** Oldest entries are dropped past this many, so a long demo session stays bounded. */
	constructor(private readonly limit = 100_000) {}

	get entries(): ReadonlyArray<AuditEntry> {
		return this.list;
	}

	record(entry: AuditEntry): void {
		this.list.push(entry);
		if (this.list.length > this.limit) this.list.splice(0, this.list.length - this.limit);
	}

	clear(): void {
		this.list = [];
	}
}
