import {test} from 'node:test';
import assert from 'node:assert/strict';
import {buildChecklist} from '../../source/model/checklist.js';
import {reportJson, reportMarkdown, type ReportInput} from '../../source/render/report.js';
import type {Pod} from '../../source/model/k8s-types.js';

const now = Date.parse('2026-01-01T00:10:00Z');

function pod(): Pod {
	return {
		metadata: {name: 'myapp-perms', namespace: 'default', uid: 'u-4', creationTimestamp: '2026-01-01T00:00:00Z'},
		spec: {
			initContainers: [{name: 'fix-permissions', image: 'busybox:1.28', command: ['sh', '-c', 'chown -R 1000:1000 /data'], volumeMounts: [{name: 'data', mountPath: '/data'}]}],
			containers: [{name: 'myapp-container', image: 'busybox:1.28', securityContext: {runAsUser: 2000}, volumeMounts: [{name: 'data', mountPath: '/data'}]}],
			volumes: [{name: 'data', emptyDir: {}}],
		},
		status: {
			phase: 'Running',
			conditions: [{type: 'Initialized', status: 'True'}],
			initContainerStatuses: [{name: 'fix-permissions', ready: true, restartCount: 0, state: {terminated: {exitCode: 0, reason: 'Completed'}}}],
			containerStatuses: [{name: 'myapp-container', ready: false, restartCount: 3, state: {waiting: {reason: 'CrashLoopBackOff'}}, lastState: {terminated: {exitCode: 1, reason: 'Error', finishedAt: '2026-01-01T00:09:00Z'}}}],
		},
	};
}

function input(): ReportInput {
	const p = pod();
	return {
		generatedAt: now,
		context: 'demo',
		pod: p,
		events: [{metadata: {name: 'e1'}, involvedObject: {name: 'myapp-perms', fieldPath: 'spec.containers{myapp-container}'}, type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container myapp-container in pod myapp-perms_default(u-4)', count: 4, firstTimestamp: '2026-01-01T00:02:00Z', lastTimestamp: '2026-01-01T00:09:30Z'}],
		findings: [{severity: 'error', title: 'myapp-container exits 1 (general error)', detail: ["last log: mkdir: can't create directory '/data/cache': Permission denied"]}],
		checklist: buildChecklist({pod: p, events: [], appLogs: {'myapp-container': ["mkdir: can't create directory '/data/cache': Permission denied"]}}),
		answers: {'shared-volumes': {verdict: 'passed', note: 'emptyDir, only this pod'}, bisect: {verdict: 'failed', note: 'fails from variant 1'}},
	};
}

test('markdown report: row, findings, checklist verdicts (answered, pre-marked, open), events, manifests', () => {
	const md = reportMarkdown(input());
	assert.match(md, /^# initk9 report: default\/myapp-perms$/m);
	assert.match(md, /^\| 0\/1 \| CrashLoopBackOff \| 3 \(60s ago\) \| 10m \|$/m);
	assert.match(md, /^- \*\*ERROR\*\* myapp-container exits 1 \(general error\)$/m);
	assert.match(md, /^### 1\. Volumes the init containers share with the app — \[x\] passed$/m);
	assert.match(md, /^\*\*Note:\*\* emptyDir, only this pod$/m);
	assert.match(md, /^### 2\. Ownership and permissions — \[!\] failed$/m);
	assert.match(md, /^\*Pre-marked failed by the evidence:\* fix-permissions chowns \/data to 1000:1000, but myapp-container runs as uid 2000/m);
	assert.match(md, /^### 4\. Start conditions the app relies on — \[ \] open$/m);
	assert.match(md, /\| Warning \| BackOff \| 30s \(x4 over 8m\) \| spec.containers\{myapp-container\}: Back-off restarting/);
	assert.match(md, /^kubectl apply -n initk9-bisect -f 0-no-init.yaml/m);
	assert.match(md, /^### 1-init-1-to-1.yaml$/m);
});

test('untrusted text cannot inject HTML or escape sequences into the markdown', () => {
	const data = input();
	data.findings = [{severity: 'warning', title: 'x', detail: ['<script>alert(1)</script>\u001b]0;pwned\u0007 and\nnew line']}];
	const md = reportMarkdown(data);
	assert.ok(!md.includes('<script>'));
	assert.ok(!md.includes('\u001b'));
	assert.ok(!md.includes('\u0007'));
	assert.match(md, /&lt;script&gt;alert\(1\)&lt;\/script&gt;\]0;pwned and new line/);
});

test('json report carries the same facts for scripts', () => {
	const json = reportJson(input()) as {pod: {status: string}; checklist: Array<{id: string; verdict: string | null; note: string | null}>; bisect: {manifests: Array<{initContainers: string[]}>}};
	assert.equal(json.pod.status, 'CrashLoopBackOff');
	assert.deepEqual(json.checklist.map(s => [s.id, s.verdict]), [['shared-volumes', 'passed'], ['ownership', 'failed'], ['why-init', null], ['start-conditions', null], ['image-security', null], ['bisect', 'failed']]);
	assert.deepEqual(json.bisect.manifests.map(m => m.initContainers), [[], ['fix-permissions']]);
	assert.doesNotThrow(() => JSON.stringify(json));
});
