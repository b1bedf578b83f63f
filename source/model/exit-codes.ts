// What a container's exit code means (k8s-semantics.md §7). The shell conventions matter most
// for init containers: they are usually `sh -c` scripts. A 128+N exit is read against the signal
// the kubelet stops the container with (1.33+: containerStatuses[].stopSignal, else
// lifecycle.stopSignal): the one place exit codes are explained.

import type {Container, ContainerStatus} from './k8s-types.js';

const SIGNALS: Record<number, string> = {
	1: 'SIGHUP', 2: 'SIGINT', 3: 'SIGQUIT', 4: 'SIGILL', 5: 'SIGTRAP', 6: 'SIGABRT', 7: 'SIGBUS',
	8: 'SIGFPE', 9: 'SIGKILL', 10: 'SIGUSR1', 11: 'SIGSEGV', 12: 'SIGUSR2', 13: 'SIGPIPE',
	14: 'SIGALRM', 15: 'SIGTERM', 16: 'SIGSTKFLT', 17: 'SIGCHLD', 18: 'SIGCONT', 19: 'SIGSTOP',
	20: 'SIGTSTP', 21: 'SIGTTIN', 22: 'SIGTTOU', 23: 'SIGURG', 24: 'SIGXCPU', 25: 'SIGXFSZ',
	26: 'SIGVTALRM', 27: 'SIGPROF', 28: 'SIGWINCH', 29: 'SIGIO', 30: 'SIGPWR', 31: 'SIGSYS',
};

export function signalName(signal: number): string | undefined {
	return SIGNALS[signal];
}

/** `SIGINT` → 2 (also `INT`), as the runtime reads a STOPSIGNAL; undefined when unknown. */
export function signalNumber(name: string): number | undefined {
	const wanted = name.toUpperCase().startsWith('SIG') ? name.toUpperCase() : `SIG${name.toUpperCase()}`;
	const found = Object.entries(SIGNALS).find(([, signal]) => signal === wanted);
	return found ? Number(found[0]) : undefined;
}

export interface ExitMeaning {
	/** Short phrase for tables: "command not found". */
	short: string;
	/** The signal behind a 128+n code, when there is one. */
	signal?: string;
	/** A 128+N read against the container's stop signal (stopSignalNote), when it has one. */
	stopNote?: string;
	/** The exit is the container's own stop signal: the kubelet stopped it. */
	stoppedByKubelet?: boolean;
}

/** The signal the kubelet stops a container with, and where that is known from. */
export interface StopSignal {
	signal: string;
	from: 'status' | 'lifecycle.stopSignal';
}

/** The runtime's report first (containerStatuses[].stopSignal, 1.33+), else the spec's lifecycle.stopSignal. */
export function containerStopSignal(spec: Container | undefined, status: ContainerStatus | undefined): StopSignal | undefined {
	if (status?.stopSignal) return {signal: status.stopSignal, from: 'status'};
	const configured = spec?.lifecycle?.stopSignal;
	return configured ? {signal: configured, from: 'lifecycle.stopSignal'} : undefined;
}

const whereFrom = (stop: StopSignal) => (stop.from === 'status' ? 'its stop signal (containerStatuses[].stopSignal)' : 'its lifecycle.stopSignal');

/** The meaning of an exit code; `reason` (OOMKilled, StartError, …) and the container's stop signal refine it. */
export function exitCodeMeaning(exitCode: number, reason?: string, stop?: StopSignal): ExitMeaning {
	const meaning = plainMeaning(exitCode, reason);
	if (!stop || reason === 'OOMKilled' || exitCode <= 128 || exitCode >= 160) return meaning;
	const stopNote = stopSignalNote(exitCode, stop.signal, stop.from);
	if (meaning.signal !== stop.signal) return {...meaning, stopNote};
	return {short: `stopped by the kubelet with ${stop.signal}, ${whereFrom(stop)} — not a crash`, signal: stop.signal, stopNote, stoppedByKubelet: true};
}

function plainMeaning(exitCode: number, reason?: string): ExitMeaning {
	if (reason === 'OOMKilled') return {short: 'OOM-killed: memory limit exceeded', signal: 'SIGKILL'};
	if (reason === 'StartError' || reason === 'ContainerCannotRun') return {short: 'could not start the process'};
	if (reason === 'ContainerStatusUnknown') return {short: 'container lost (status unknown)', signal: 'SIGKILL'};
	switch (exitCode) {
		case 0: return {short: 'success'};
		case 1: return {short: 'general error'};
		case 2: return {short: 'misuse of shell builtin / bad arguments'};
		case 126: return {short: 'command not executable'};
		case 127: return {short: 'command not found'};
		case 128: return {short: 'start error (invalid entrypoint or exit argument)'};
		case 255: return {short: 'exit status out of range / unknown'};
		default: break;
	}
	if (exitCode > 128 && exitCode < 160) {
		const signal = signalName(exitCode - 128);
		const what: Record<number, string> = {
			137: 'killed (SIGKILL): OOM, or force-killed after the grace period',
			139: 'segmentation fault (SIGSEGV)',
			143: 'terminated (SIGTERM)',
			134: 'aborted (SIGABRT)',
			130: 'interrupted (SIGINT)',
		};
		return {short: what[exitCode] ?? `killed by ${signal ?? `signal ${exitCode - 128}`}`, signal};
	}
	return {short: 'application error'};
}

/**
 * An exit 128+N read against the container's stop signal (`lifecycle.stopSignal`, or the runtime's
 * `containerStatuses[].stopSignal`, 1.33+): was it the kubelet stopping it, or something else?
 */
export function stopSignalNote(exitCode: number, stopSignal: string | undefined, from: 'lifecycle.stopSignal' | 'status'): string | undefined {
	if (!stopSignal || exitCode <= 128 || exitCode >= 160) return undefined;
	const received = signalName(exitCode - 128);
	// SIGKILL is also the kubelet's, after the grace period (or OOM): the plain meaning says so.
	if (received === 'SIGKILL' && stopSignal !== 'SIGKILL') return undefined;
	const where = from === 'status' ? 'the stop signal the runtime reports' : 'its lifecycle.stopSignal';
	if (received === stopSignal) return `Exit ${exitCode} = 128+${exitCode - 128}: ${stopSignal}, ${where} — the kubelet stopped it (pod deleted, probe failed, or restart)`;
	return `Exit ${exitCode} = 128+${exitCode - 128}: ${received ?? `signal ${exitCode - 128}`}, not ${stopSignal} (${where}) — it was not the kubelet's stop request`;
}
