// The terminal around the TUI: a clear error when there is no terminal, the alternate screen
// while running, and a restore that runs exactly once on every way out (q, Ctrl-C, SIGTERM,
// SIGHUP, uncaught errors, process.exit).
import {writeSync} from 'node:fs';
import {InitError} from './kube/types.js';

export const ENTER_ALT_SCREEN = '\u001B[?1049h';
export const LEAVE_ALT_SCREEN = '\u001B[?1049l';
export const HIDE_CURSOR = '\u001B[?25l';
export const SHOW_CURSOR = '\u001B[?25h';
const CLEAR_AND_HOME = '\u001B[2J\u001B[H';
const RESET_ATTRIBUTES = '\u001B[0m';

interface TtyStreams {
	stdin: NodeJS.ReadStream;
	stdout: NodeJS.WriteStream;
}

/** Throws a one-line InitError unless both stdin and stdout are terminals. */
export function assertInteractiveTerminal({stdin, stdout}: TtyStreams): void {
	if (!stdout.isTTY) {
		throw new InitError('stdout is not a terminal: initk9 is a full-screen UI (for plain text, use `initk9 report NS/POD`)');
	}
	if (!stdin.isTTY) {
		throw new InitError('stdin is not a terminal: initk9 needs a keyboard (run it in an interactive terminal)');
	}
}

export interface FullScreen {
	/** Leaves the alternate screen, shows the cursor, ends raw mode. Safe to call many times. */
	restore(): void;
	/** The restore could not be written: the terminal is gone (closed window, pty hung up). */
	readonly terminalGone: boolean;
}

/**
 * Writes straight to the file descriptor: works inside 'exit' handlers, where streams may not
 * flush. False when the terminal is gone (EIO after a hang-up).
 */
function writeNow(stdout: NodeJS.WriteStream, text: string): boolean {
	const fd = (stdout as {fd?: number}).fd;
	try {
		if (typeof fd === 'number') writeSync(fd, text);
		else stdout.write(text);
		return true;
	} catch {
		return false;
	}
}

/**
 * Ends the process after its terminal went away. Node's own exit path would then try to put the
 * terminal's modes back, fail with EIO and abort (`ResetStdio` assertion, exit 139); a process
 * whose terminal hung up ends the way the hang-up asks instead: SIGHUP's default action.
 */
export function endAfterHangUp(): void {
	process.removeAllListeners('SIGHUP');
	process.kill(process.pid, 'SIGHUP');
}

export function enterFullScreen({stdin, stdout}: TtyStreams): FullScreen {
	writeNow(stdout, ENTER_ALT_SCREEN + CLEAR_AND_HOME + HIDE_CURSOR);
	// Raw before the first frame: a key typed the moment the table appears, before Ink listens,
	// waits in the terminal as typed (Enter stays \r, nothing is echoed over the screen).
	try {
		if (stdin.isTTY && !stdin.isRaw) stdin.setRawMode(true);
	} catch {
		// not a terminal after all: Ink reports it
	}
	let restored = false;
	let terminalGone = false;
	const restore = () => {
		if (restored) return;
		restored = true;
		process.off('exit', restore);
		try {
			if (stdin.isTTY && stdin.isRaw) stdin.setRawMode(false);
		} catch {
			// stdin already closed
		}
		terminalGone = !writeNow(stdout, RESET_ATTRIBUTES + SHOW_CURSOR + LEAVE_ALT_SCREEN);
	};
	process.on('exit', restore);
	return {
		restore,
		get terminalGone() {
			return terminalGone;
		},
	};
}

const SIGNAL_NUMBERS = {SIGHUP: 1, SIGINT: 2, SIGTERM: 15} as const;
export type ExitSignal = keyof typeof SIGNAL_NUMBERS;

/**
 * Calls `onExit(code, message?)` once for the first of: SIGINT/SIGTERM/SIGHUP (code 128+n) or an
 * uncaught exception/unhandled rejection (code 1 with a one-line message). Returns an uninstaller.
 */
export function onFatalExit(onExit: (code: number, message?: string) => void): () => void {
	let fired = false;
	const fire = (code: number, message?: string) => {
		if (fired) return;
		fired = true;
		onExit(code, message);
	};
	const signalHandlers = (Object.keys(SIGNAL_NUMBERS) as ExitSignal[]).map(signal => {
		const handler = () => fire(128 + SIGNAL_NUMBERS[signal]);
		process.on(signal, handler);
		return [signal, handler] as const;
	});
	const onError = (error: unknown) => fire(1, oneLineError(error));
	process.on('uncaughtException', onError);
	process.on('unhandledRejection', onError);
	return () => {
		for (const [signal, handler] of signalHandlers) process.off(signal, handler);
		process.off('uncaughtException', onError);
		process.off('unhandledRejection', onError);
	};
}

/** The first line of an error's message, never a stack trace. */
export function oneLineError(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	const line = message.split('\n').map(part => part.trim()).find(Boolean);
	return line ?? 'unexpected error';
}
