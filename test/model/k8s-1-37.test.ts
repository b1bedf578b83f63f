// Kubernetes 1.33–1.37 (issue 18): container restart rules (KEP-5307), whole-pod in-place
// restart (KEP-5532), stop signals, the crash-loop back-off and env files (fileKeyRef) — table-driven over the rule and fixtures written from the KEPs.
import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {diagnose} from '../../source/model/findings/index.js';
import {stopSignalNote} from '../../source/model/exit-codes.js';
import type {Container, ContainerStatus, Pod} from '../../source/model/k8s-types.js';
import {crashLoopBackoff} from '../../source/model/backoff.js';
import {buildChecklist} from '../../source/model/checklist.js';
import {layoutTimeline} from '../../source/render/timeline.js';
import {restartDecision} from '../../source/model/restart-rules.js';
import {summarizePod} from '../../source/model/pod-health.js';
import {itDiagnoses, FIXTURE_NOW} from '../fixtures/findings/cases.js';
import {loadPod} from '../fixtures/findings/load.js';

function podWith(restartPolicy: string, init: Container): Pod {
	return {metadata: {name: 'p'}, spec: {restartPolicy, initContainers: [init], containers: [{name: 'app'}]}};
}

const rule42 = {action: 'Restart', exitCodes: {operator: 'In', values: [42]}};

describe('restart decision (KEP-5307 / KEP-5532)', () => {
	const cases: Array<[string, string, Container, number, string | undefined, string, RegExp]> = [
		['a rule matches: restarts in place under pod Never', 'Never', {name: 'fetch', restartPolicy: 'Never', restartPolicyRules: [rule42]}, 42, undefined, 'container', /^exit 42 matches restart rule \(exit code In \[42\]\): fetch restarts in place$/],
		['no rule matches: the container policy Never fails the pod', 'Never', {name: 'fetch', restartPolicy: 'Never', restartPolicyRules: [rule42]}, 1, undefined, 'none', /^exit 1 matches no restart rule; fetch's restartPolicy Never: not restarted, so the pod fails$/],
		['NotIn: every code but the listed ones restarts', 'Never', {name: 'fetch', restartPolicy: 'Never', restartPolicyRules: [{action: 'Restart', exitCodes: {operator: 'NotIn', values: [0, 3]}}]}, 7, undefined, 'container', /matches restart rule \(exit code NotIn \[0, 3\]\)/],
		['pod Never, no rules', 'Never', {name: 'fetch'}, 1, undefined, 'none', /^pod restartPolicy Never: not restarted, so the pod fails$/],
		['pod Always: a failed init container restarts', 'Always', {name: 'fetch'}, 1, undefined, 'container', /^pod restartPolicy Always: restarted after a back-off$/],
		['OOM-killed with exit 0 is a failure', 'OnFailure', {name: 'fetch'}, 0, 'OOMKilled', 'container', /restarted after a back-off/],
		['RestartAllContainers: the pod restarts', 'Never', {name: 'fetch', restartPolicy: 'Never', restartPolicyRules: [{action: 'RestartAllContainers', exitCodes: {operator: 'In', values: [88]}}]}, 88, undefined, 'pod', /all containers restart in place, init containers first \(RestartAllContainers\)$/],
	];
	for (const [name, podPolicy, container, exitCode, reason, restarts, why] of cases) {
		it(name, () => {
			const decision = restartDecision(podWith(podPolicy, container), container, exitCode, reason);
			assert.equal(decision.restarts, restarts);
			assert.match(decision.why, why);
		});
	}
});

describe('stop signals explain 128+N', () => {
	it('the configured stop signal: the kubelet stopped it', () => {
		assert.equal(stopSignalNote(131, 'SIGQUIT', 'status'), 'Exit 131 = 128+3: SIGQUIT, the stop signal the runtime reports — the kubelet stopped it (pod deleted, probe failed, or restart)');
	});
	it('another signal: not the kubelet\'s stop request', () => {
		assert.match(stopSignalNote(139, 'SIGQUIT', 'lifecycle.stopSignal') ?? '', /^Exit 139 = 128\+11: SIGSEGV, not SIGQUIT \(its lifecycle\.stopSignal\) — it was not the kubelet's stop request$/);
		// SIGKILL is the kubelet's too (after the grace period): no such claim.
		assert.equal(stopSignalNote(137, 'SIGQUIT', 'lifecycle.stopSignal'), undefined);
	});
	it('nothing to say without a stop signal or below 129', () => {
		assert.equal(stopSignalNote(143, undefined, 'status'), undefined);
		assert.equal(stopSignalNote(1, 'SIGQUIT', 'status'), undefined);
	});
});

describe('fixtures', () => {
	itDiagnoses([
		{
			name: 'KEP-5307: init container exit 42 under pod Never is restarted by its rule, and the finding says why',
			fixture: 'init-restart-rule-exit42',
			headline: /^Blocked at init 1\/1 fetch: exits 42 \(application error\)/,
			families: ['exit-code', 'logs-trap'],
			details: /^Restarted: exit 42 matches restart rule \(exit code In \[42\]\): fetch restarts in place\.$/,
		},
		{
			name: 'KEP-5532: AllContainersRestarting is a pod restart in place, named as such',
			fixture: 'pod-restart-all-containers',
			headline: /^Restarting in place: init 1\/2 setup-net running 1s — the pod is restarting all its containers in place: worker exited 88/,
			families: ['pod-restart', 'logs-trap'],
		},
		{
			name: 'stop signal: nginx exit 131 is its SIGQUIT stop signal',
			fixture: 'app-stop-signal',
			headline: /^Blocked at app 1\/1 nginx: exits 131 \(stopped by the kubelet with SIGQUIT, its stop signal \(containerStatuses\[\]\.stopSignal\) — not a crash\) — restarted 4×/,
			families: ['exit-code'],
			details: /^Exit 131 = 128\+3: SIGQUIT, the stop signal the runtime reports — the kubelet stopped it/,
		},
		{
			name: 'stop signal at the active deadline: init exit 130 is its SIGINT, and the pod status says why',
			fixture: 'init-deadline-stop-signal',
			headline: /^Blocked at init 1\/1 wait-for-ledger: exits 130 \(stopped by the kubelet with SIGINT, its stop signal \(containerStatuses\[\]\.stopSignal\) — not a crash\)/,
			families: ['exit-code', 'logs-trap'],
			details: /^The kubelet stopped it: the pod failed with DeadlineExceeded — Pod was active on the node longer than the specified deadline \(activeDeadlineSeconds 45\)\.$/,
		},
	]);
	it('stop signal at the active deadline: no restart decision for a pod the kubelet failed itself; the table says stopped, not crashed', () => {
		const pod = loadPod('init-deadline-stop-signal');
		const details = diagnose({pod, events: [], now: FIXTURE_NOW}).findings[0]!.details;
		assert.ok(!details.some(line => /^(Not r|R)estarted:/.test(line)), details.join('\n'));
		assert.ok(details.includes('Exit 130 = 128+2: SIGINT, the stop signal the runtime reports — the kubelet stopped it (pod deleted, probe failed, or restart)'), details.join('\n'));
		assert.match(summarizePod(pod, FIXTURE_NOW).why ?? '', /^wait-for-ledger: exit 130 \(stopped by the kubelet with SIGINT, its stop signal \(containerStatuses\[\]\.stopSignal\) — not a crash\)/);
	});
	it('stop signal: the table\'s WHY and the advice say the kubelet stopped it', () => {
		const pod = loadPod('app-stop-signal');
		assert.match(summarizePod(pod, FIXTURE_NOW).why ?? '', /^nginx: exit 131 \(stopped by the kubelet with SIGQUIT, its stop signal \(containerStatuses\[\]\.stopSignal\) — not a crash\), CrashLoopBackOff/);
		const details = diagnose({pod, events: [], now: FIXTURE_NOW}).findings[0]!.details;
		assert.match(details[0]!, /^The kubelet asked it to stop: why is in the events/);
		// Without the runtime's report, the spec's lifecycle.stopSignal says the same.
		delete pod.status!.containerStatuses![0]!.stopSignal;
		assert.match(summarizePod(pod, FIXTURE_NOW).why ?? '', /exit 131 \(stopped by the kubelet with SIGQUIT, its lifecycle\.stopSignal — not a crash\)/);
	});
	it('KEP-5532: the table shows the restarting pod as initializing, not failing', () => {
		const row = summarizePod(loadPod('pod-restart-all-containers'), FIXTURE_NOW);
		assert.equal(row.health, 'initializing');
		const diagnosis = diagnose({pod: loadPod('pod-restart-all-containers'), events: [], now: FIXTURE_NOW});
		assert.match(diagnosis.findings[0]!.details.join('\n'), /uid 55320000-0000-4000-8000-000000005532 unchanged/);
	});
});

describe('KEP-5532 after AllContainersRestarting cleared (status/generate.go: True only while the containers are removed)', () => {
	const cleared = (withRule: boolean): Pod => {
		const pod = structuredClone(loadPod('pod-restart-all-containers'));
		pod.status!.conditions = pod.status!.conditions!.map(c => (c.type === 'AllContainersRestarting' ? {...c, status: 'False'} : c));
		if (!withRule) delete pod.spec.containers[0]!.restartPolicyRules;
		return pod;
	};
	const cases: Array<[string, Pod, RegExp | undefined]> = [
		['the trigger\'s last exit matches its RestartAllContainers rule while init runs again: still a restart in place', cleared(true), /^Restarting in place: init 1\/2 setup-net running 1s — the pod is restarting all its containers in place: worker exited 88/],
		['the same statuses without the rule: no restart in place claimed', cleared(false), undefined],
	];
	for (const [name, pod, headline] of cases) {
		it(name, () => {
			const diagnosis = diagnose({pod, events: [], now: FIXTURE_NOW});
			const restart = diagnosis.findings.find(f => f.family === 'pod-restart');
			if (!headline) {
				assert.equal(restart, undefined);
				assert.doesNotMatch(diagnosis.headline, /Restarting in place/);
				return;
			}
			assert.match(diagnosis.headline, headline);
			assert.match(restart!.details.join('\n'), /^Condition AllContainersRestarting is False again: the kubelet has removed every container and starts the pod over\./);
		});
	}
});

describe('crash-loop back-off: observed, else assumed and said so', () => {
	const waiting = (restartCount: number, backOff?: string): ContainerStatus => ({name: 'c', ready: false, restartCount, state: {waiting: {reason: 'CrashLoopBackOff', ...(backOff ? {message: `back-off ${backOff} restarting failed container=c pod=p_ns(uid)`} : {})}}});
	const cases: Array<[string, ContainerStatus | undefined, number, number, RegExp]> = [
		['no message: the default, assumed', undefined, 10_000, 300_000, /^the kubelet's default back-off, 10s doubling to 5m \(assumed\)$/],
		['the message agrees with the default', waiting(3, '40s'), 10_000, 300_000, /\(the kubelet reports back-off 40s after 3 restarts\)$/],
		['a lower cap (maxContainerRestartPeriod)', waiting(6, '1m0s'), 10_000, 60_000, /^10s doubling capped at 60s — the kubelet reports back-off 60s after 6 restarts, not the default: a lower maxContainerRestartPeriod assumed$/],
	];
	for (const [name, status, initialMs, maxMs, text] of cases) {
		it(name, () => {
			const model = crashLoopBackoff(status);
			assert.deepEqual([model.initialMs, model.maxMs], [initialMs, maxMs]);
			assert.match(model.text, text);
		});
	}
	it('the timeline places inferred runs with it and says which back-off it assumed', () => {
		const pod = loadPod('article-exit-127');
		const lanes = layoutTimeline({pod, events: [], now: FIXTURE_NOW, width: 120});
		assert.ok(lanes.notes.some(note => /init-failed-test: \d+ of \d+ runs inferred from the restart count and the kubelet's default back-off, 10s doubling to 5m \(the kubelet reports back-off 5m after 9 restarts\)/.test(note)), lanes.notes.join('\n'));
	});
});

describe('env files (fileKeyRef) written by init containers', () => {
	itDiagnoses([{
		name: 'a key missing from the env file blocks the app: the finding names the file, the key and the writer',
		fixture: 'env-file-missing-key',
		headline: /^Blocked at app 1\/1 app: CreateContainerConfigError — env file config\.env has no key DB_ADDRESS, written by init render-env$/,
		families: ['env-file', 'config-error'],
		details: /^app reads env DB_ADDRESS = key DB_ADDRESS of config\.env in volume envdir$/,
	}]);
	it('the checklist has an env-file step, pre-marked failed by the evidence', () => {
		const step = buildChecklist({pod: loadPod('env-file-missing-key'), events: []}).steps.find(s => s.id === 'env-files')!;
		assert.deepEqual(step.evidence, ['app reads env DB_ADDRESS = key DB_ADDRESS of config.env in volume envdir; written by render-env']);
		assert.equal(step.preset?.verdict, 'failed');
		assert.match(step.preset?.why ?? '', /^cannot be created \(CreateContainerConfigError\): app: config\.env key DB_ADDRESS missing$/);
	});
});

describe('env files in the table', () => {
	it('the app blocked by a missing env file is init trouble: WHY names the writer, `i` shows it', () => {
		const row = summarizePod(loadPod('env-file-missing-key'), FIXTURE_NOW);
		assert.equal(row.health, 'app-failing');
		assert.equal(row.initCause, true);
		assert.match(row.why ?? '', /^suspect init render-env: env file config\.env \(key DB_ADDRESS\) — app: CreateContainerConfigError: /);
	});
});
