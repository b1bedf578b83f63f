import {test} from 'node:test';
import assert from 'node:assert/strict';
import {assertInteractiveTerminal, enterFullScreen, onFatalExit, oneLineError} from '../source/terminal.js';

function fakeStreams(tty = true) {
	const written: string[] = [];
	let raw = true;
	const stdout = {isTTY: tty, write: (text: string) => written.push(text)} as unknown as NodeJS.WriteStream;
	const stdin = {isTTY: tty, get isRaw() {
		return raw;
	}, setRawMode: (on: boolean) => {
		raw = on;
	}} as unknown as NodeJS.ReadStream;
	return {stdin, stdout, written, isRaw: () => raw};
}

test('full screen: alternate screen + hidden cursor in, everything restored once out', () => {
	const streams = fakeStreams();
	const screen = enterFullScreen(streams);
	assert.equal(streams.written.join(''), '\u001B[?1049h\u001B[2J\u001B[H\u001B[?25l');
	screen.restore();
	screen.restore();
	assert.equal(streams.written.slice(1).join(''), '\u001B[0m\u001B[?25h\u001B[?1049l');
	assert.equal(streams.isRaw(), false);
});

test('no terminal: a one-line error', () => {
	assert.throws(() => assertInteractiveTerminal(fakeStreams(false)), /^InitError: stdout is not a terminal/);
	const streams = fakeStreams();
	assert.doesNotThrow(() => assertInteractiveTerminal(streams));
});

test('the first signal ends it once, with 128+n; uninstalling removes the handlers', () => {
	const calls: Array<[number, string | undefined]> = [];
	const uninstall = onFatalExit((code, message) => calls.push([code, message]));
	try {
		process.emit('SIGTERM', 'SIGTERM');
		process.emit('SIGHUP', 'SIGHUP');
		assert.deepEqual(calls, [[143, undefined]]);
	} finally {
		uninstall();
	}
	assert.equal(process.listenerCount('SIGTERM'), 0);
});

test('oneLineError never returns a stack', () => {
	assert.equal(oneLineError(new Error('\n  first line\nsecond')), 'first line');
	assert.equal(oneLineError('plain'), 'plain');
	assert.equal(oneLineError(new Error('')), 'unexpected error');
});
