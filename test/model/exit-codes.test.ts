import {test} from 'node:test';
import assert from 'node:assert/strict';
import {containerStopSignal, exitCodeMeaning, signalName, signalNumber, type StopSignal} from '../../source/model/exit-codes.js';

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

test('a 128+N exit is read against the container\'s stop signal (1.33+)', () => {
	const status = (signal: string): StopSignal => ({signal, from: 'status'});
	const spec = (signal: string): StopSignal => ({signal, from: 'lifecycle.stopSignal'});
	const vectors: Array<[string, number, string | undefined, StopSignal | undefined, string, RegExp | undefined]> = [
		['SIGINT stop signal, exit 130: the kubelet stopped it', 130, 'Error', spec('SIGINT'), 'stopped by the kubelet with SIGINT, its lifecycle.stopSignal — not a crash', /^Exit 130 = 128\+2: SIGINT, its lifecycle\.stopSignal — the kubelet stopped it/],
		['the runtime\'s report says where it comes from', 131, 'Error', status('SIGQUIT'), 'stopped by the kubelet with SIGQUIT, its stop signal (containerStatuses[].stopSignal) — not a crash', /^Exit 131 = 128\+3: SIGQUIT, the stop signal the runtime reports/],
		['another signal: the plain meaning, and a note that it was not the stop request', 139, 'Error', spec('SIGINT'), 'segmentation fault (SIGSEGV)', /^Exit 139 = 128\+11: SIGSEGV, not SIGINT \(its lifecycle\.stopSignal\) — it was not the kubelet's stop request$/],
		['SIGKILL is the kubelet\'s too after the grace period: no "not the kubelet" note', 137, 'Error', status('SIGTERM'), 'killed (SIGKILL): OOM, or force-killed after the grace period', undefined],
		['no stop signal: as before', 130, 'Error', undefined, 'interrupted (SIGINT)', undefined],
		['below 129: the stop signal says nothing', 1, 'Error', spec('SIGINT'), 'general error', undefined],
		['OOMKilled stays OOM-killed', 137, 'OOMKilled', spec('SIGKILL'), 'OOM-killed: memory limit exceeded', undefined],
	];
	for (const [name, code, reason, stop, short, note] of vectors) {
		const meaning = exitCodeMeaning(code, reason, stop);
		assert.equal(meaning.short, short, name);
		if (note) assert.match(meaning.stopNote ?? '', note, name);
		else assert.equal(meaning.stopNote, undefined, name);
	}
});

test('the stop signal: the runtime\'s report first, then the spec', () => {
	const cases: Array<[string, Parameters<typeof containerStopSignal>, StopSignal | undefined]> = [
		['status wins', [{name: 'c', lifecycle: {stopSignal: 'SIGINT'}}, {name: 'c', ready: false, restartCount: 0, stopSignal: 'SIGQUIT'}], {signal: 'SIGQUIT', from: 'status'}],
		['spec when the status has none', [{name: 'c', lifecycle: {stopSignal: 'SIGINT'}}, {name: 'c', ready: false, restartCount: 0}], {signal: 'SIGINT', from: 'lifecycle.stopSignal'}],
		['neither', [{name: 'c'}, undefined], undefined],
	];
	for (const [name, args, stop] of cases) assert.deepEqual(containerStopSignal(...args), stop, name);
});

test('signal numbers from STOPSIGNAL names', () => {
	const cases: Array<[string, number | undefined]> = [['SIGINT', 2], ['INT', 2], ['sigquit', 3], ['SIGTERM', 15], ['SIGRTMIN+3', undefined]];
	for (const [name, number] of cases) assert.equal(signalNumber(name), number, name);
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
