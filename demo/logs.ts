// Container logs of the demo cluster, kept per container *instance* (containerID), as the
// container runtime keeps them: a restarted container gets a new ID and a fresh log.

export interface LogLine {
	at: number;
	text: string;
}

type Listener = (line: LogLine) => void;

interface Instance {
	namespace: string;
	pod: string;
	container: string;
	lines: LogLine[];
	listeners: Set<Listener>;
}

export interface LogStoreLimits {
	/** Oldest lines of an instance are dropped past this many (a runtime rotates logs too). */
	maxLinesPerInstance?: number;
	/** Oldest instances without listeners are forgotten past this many (the kubelet garbage-collects dead containers). */
	maxInstances?: number;
}

export class LogStore {
	private readonly instances = new Map<string, Instance>();
	private readonly maxLines: number;
	private readonly maxInstances: number;

	constructor(limits: LogStoreLimits = {}) {
		this.maxLines = limits.maxLinesPerInstance ?? 20_000;
		this.maxInstances = limits.maxInstances ?? 5_000;
	}

	/** Appends `text` (one or more lines; a trailing newline is ignored) to that instance's log. */
	append(namespace: string, pod: string, container: string, containerID: string, text: string, at: number = Date.now()): void {
		const instance = this.instance(containerID, {namespace, pod, container});
		const parts = text.split('\n');
		if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
		for (const part of parts) {
			const line = {at, text: part};
			instance.lines.push(line);
			for (const listener of instance.listeners) listener(line);
		}
		// Trim in batches so that appending stays O(1) amortised.
		if (instance.lines.length > this.maxLines + Math.ceil(this.maxLines / 10)) instance.lines.splice(0, instance.lines.length - this.maxLines);
	}

	lines(containerID: string): ReadonlyArray<LogLine> {
		return this.instances.get(containerID)?.lines ?? [];
	}

	/** Called for each new line of that instance; returns unsubscribe. */
	subscribe(containerID: string, listener: Listener): () => void {
		const instance = this.instance(containerID);
		instance.listeners.add(listener);
		return () => instance.listeners.delete(listener);
	}

	private instance(containerID: string, owner?: {namespace: string; pod: string; container: string}): Instance {
		let instance = this.instances.get(containerID);
		if (!instance) {
			instance = {namespace: '', pod: '', container: '', lines: [], listeners: new Set(), ...owner};
			this.instances.set(containerID, instance);
			if (this.instances.size > this.maxInstances) this.evictOldest();
		} else if (owner && instance.pod === '') {
			Object.assign(instance, owner);
		}
		return instance;
	}

	private evictOldest(): void {
		for (const [id, instance] of this.instances) {
			if (this.instances.size <= this.maxInstances) return;
			if (instance.listeners.size === 0) this.instances.delete(id);
		}
	}
}
