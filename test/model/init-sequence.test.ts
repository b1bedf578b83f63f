import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {initSequence, nextRetryInMs, parseBackOff, parseGoDuration, STEP_GLYPHS} from '../../source/model/init-sequence.js';
import {at, loadPod} from '../fixtures/findings/load.js';

const NOW = at('2026-01-01T00:10:00Z');

describe('initSequence', () => {
	it('orders init containers then app containers, with labels and symbols (scenario 2)', () => {
		const sequence = initSequence(loadPod('article-exit-127'), NOW);
		assert.deepEqual(sequence.steps.map(s => [s.label, s.name, s.kind, STEP_GLYPHS[s.symbol]]), [
			['I1', 'init-myservice', 'init', '✔'],
			['I2', 'init-mydb', 'init', '✔'],
			['I3', 'init-failed-test', 'init', '↻'],
			['A1', 'myapp-container', 'app', '⏸'],
		]);
		assert.equal(sequence.initCount, 3);
		assert.equal(sequence.initDoneCount, 2);
		assert.equal(sequence.blockedIndex, 2);
		assert.equal(sequence.initialized, false);
	});

	it('reads state, reason, last state, exit meaning, restarts and durations', () => {
		const [first, , failing, app] = initSequence(loadPod('article-exit-127'), NOW).steps;
		assert.equal(first!.state, 'Terminated');
		assert.equal(first!.reason, 'Completed');
		assert.equal(first!.durationMs, 7000);
		assert.equal(failing!.state, 'Waiting');
		assert.equal(failing!.reason, 'CrashLoopBackOff');
		assert.match(failing!.waitingMessage!, /^back-off 5m0s restarting failed container=init-failed-test/);
		assert.equal(failing!.restarts, 9);
		assert.equal(failing!.lastTerminated?.exitCode, 127);
		assert.equal(failing!.lastTerminated?.meaning.short, 'command not found');
		assert.deepEqual(failing!.argv, ['sh', '-c', 'hello.sh']);
		assert.equal(app!.reason, 'PodInitializing');
	});

	it('marks a running init container and measures how long it has run (scenario 3)', () => {
		const sequence = initSequence(loadPod('article-dependency-wait'), NOW);
		const step = sequence.steps[0]!;
		assert.equal(step.symbol, 'running');
		assert.equal(step.durationMs, 599_000);
		assert.equal(sequence.blockedIndex, 0);
	});

	it('counts a started sidecar as done and blocks on the next init container', () => {
		const sequence = initSequence(loadPod('sidecar-then-crash'), NOW);
		assert.deepEqual(sequence.steps.map(s => s.kind), ['sidecar', 'init', 'app']);
		assert.equal(sequence.steps[0]!.initDone, true);
		assert.equal(sequence.steps[0]!.symbol, 'running');
		assert.equal(sequence.blockedIndex, 1);
	});

	it('treats an init container OOM-killed with exit 0 as failed (kubernetes#104454)', () => {
		const sequence = initSequence(loadPod('k8s-104454-init-oom-exit0'), at('2021-08-19T13:23:00Z'));
		assert.equal(sequence.steps[0]!.symbol, 'failed');
		assert.equal(sequence.steps[0]!.initDone, false);
		assert.equal(sequence.blockedIndex, 0);
	});

	it('blocks on the app container when init is done but the app crash-loops (scenario 4)', () => {
		const sequence = initSequence(loadPod('side-effect-perms'), NOW);
		assert.equal(sequence.initialized, true);
		assert.equal(sequence.steps[sequence.blockedIndex!]!.name, 'myapp-container');
	});

	it('is not blocked when the app runs and is ready', () => {
		const sequence = initSequence(loadPod('healthy'), NOW);
		assert.equal(sequence.blockedIndex, undefined);
		assert.deepEqual(sequence.steps.map(s => s.symbol), ['done', 'done', 'running']);
	});

	it('lists containers without any status as not started', () => {
		const pod = loadPod('healthy');
		delete pod.status;
		const sequence = initSequence(pod, NOW);
		assert.deepEqual(sequence.steps.map(s => s.state), ['Not started', 'Not started', 'Not started']);
		assert.equal(sequence.blockedIndex, 0);
	});
});

describe('back-off', () => {
	it('parses Go durations and the waiting message', () => {
		assert.equal(parseGoDuration('5m0s'), 300_000);
		assert.equal(parseGoDuration('1m20s'), 80_000);
		assert.equal(parseGoDuration('523ms'), 523);
		assert.equal(parseGoDuration('1h0m0s'), 3_600_000);
		assert.equal(parseGoDuration('soon'), undefined);
		assert.equal(parseBackOff('back-off 40s restarting failed container=x pod=p_ns(uid)'), 40_000);
		assert.equal(parseBackOff('Back-off pulling image "x"'), undefined);
	});
	it('computes the next retry from the last finish time plus the back-off', () => {
		const step = initSequence(loadPod('article-exit-127'), NOW).steps[2]!;
		// finished 00:09:10 + 5m0s = 00:14:10 → 4m10s after 00:10:00
		assert.equal(nextRetryInMs(step, NOW), 250_000);
	});
});
