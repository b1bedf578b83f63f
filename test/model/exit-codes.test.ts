import {test} from 'node:test';
import assert from 'node:assert/strict';
import {exitCodeMeaning, signalName} from '../../source/model/exit-codes.js';

test('shell and runtime exit codes have their conventional meaning (k8s-semantics §7)', () => {
	const vectors: Array<[number, string | undefined, string, string | undefined]> = [
		[0, undefined, 'success', undefined],
		[1, 'Error', 'general error', undefined],
		[2, 'Error', 'misuse of shell builtin / bad arguments', undefined],
		[126, 'Error', 'command not executable', undefined],
		[127, 'Error', 'command not found', undefined],
		[128, 'Error', 'start error (invalid entrypoint or exit argument)', undefined],
		[130, 'Error', 'interrupted (SIGINT)', 'SIGINT'],
		[134, 'Error', 'aborted (SIGABRT)', 'SIGABRT'],
		[137, 'Error', 'killed (SIGKILL): OOM, or force-killed after the grace period', 'SIGKILL'],
		[139, 'Error', 'segmentation fault (SIGSEGV)', 'SIGSEGV'],
		[143, 'Error', 'terminated (SIGTERM)', 'SIGTERM'],
		[129, 'Error', 'killed by SIGHUP', 'SIGHUP'],
		[255, 'Unknown', 'exit status out of range / unknown', undefined],
		[3, 'Error', 'application error', undefined],
		[42, undefined, 'application error', undefined],
	];
	for (const [code, reason, short, signal] of vectors) {
		const meaning = exitCodeMeaning(code, reason);
		assert.equal(meaning.short, short, `exit ${code}`);
		assert.equal(meaning.signal, signal, `signal of exit ${code}`);
	}
});

test('the reason refines the code: OOMKilled, StartError, ContainerCannotRun, ContainerStatusUnknown', () => {
	assert.deepEqual(exitCodeMeaning(137, 'OOMKilled'), {short: 'OOM-killed: memory limit exceeded', signal: 'SIGKILL'});
	assert.equal(exitCodeMeaning(128, 'StartError').short, 'could not start the process');
	assert.equal(exitCodeMeaning(1, 'ContainerCannotRun').short, 'could not start the process');
	assert.deepEqual(exitCodeMeaning(137, 'ContainerStatusUnknown'), {short: 'container lost (status unknown)', signal: 'SIGKILL'});
});

test('signal names cover 1–31 and nothing else', () => {
	assert.equal(signalName(9), 'SIGKILL');
	assert.equal(signalName(15), 'SIGTERM');
	assert.equal(signalName(31), 'SIGSYS');
	assert.equal(signalName(0), undefined);
	assert.equal(signalName(32), undefined);
	assert.equal(exitCodeMeaning(128 + 10).short, 'killed by SIGUSR1');
	// Codes of 160 and above are not read as signals.
	assert.deepEqual(exitCodeMeaning(168), {short: 'application error'});
});
