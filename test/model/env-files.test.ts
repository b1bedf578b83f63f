// Env files (fileKeyRef, KEP-3721): the kubelet's env-file messages, which ref they blame, and the
// env-file finding over the fixture and variants of it (message, writer, optional) — table-driven.
import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {diagnose} from '../../source/model/findings/index.js';
import {buildChecklist} from '../../source/model/checklist.js';
import {summarizePod} from '../../source/model/pod-health.js';
import {emptyDirFilePath, envFileFailure, envFileKeyMissingMessage, envFileRefs, ENV_FILE_UNPARSABLE, refsBlamed} from '../../source/model/env-files.js';
import type {Pod} from '../../source/model/k8s-types.js';
import {FIXTURE_NOW} from '../fixtures/findings/cases.js';
import {loadPod} from '../fixtures/findings/load.js';

const UID = '37210000-0000-4000-8000-000000003721';
const FILE = emptyDirFilePath(UID, 'envdir', 'config.env');

describe('the kubelet\'s env-file messages', () => {
	const cases: Array<[string, string | undefined, ReturnType<typeof envFileFailure>]> = [
		['key not found (kubelet_pods.go makeEnvironmentVariables)', envFileKeyMissingMessage('DB_ADDRESS', FILE), {kind: 'key', key: 'DB_ADDRESS', file: FILE}],
		['file missing or malformed: one generic message', ENV_FILE_UNPARSABLE, {kind: 'unreadable'}],
		['the volume is not mounted', 'cannot find the volume "envdir" referenced by FileKeyRef', {kind: 'volume', volume: 'envdir'}],
		['a ConfigMap message is not an env-file message', "couldn't find key db.url in ConfigMap default/app-config", undefined],
		['no message', undefined, undefined],
	];
	for (const [name, message, failure] of cases) it(name, () => assert.deepEqual(envFileFailure(message), failure));

	it('the emptyDir host path is the kubelet\'s, with the ref\'s path joined', () => {
		assert.equal(FILE, `/var/lib/kubelet/pods/${UID}/volumes/kubernetes.io~empty-dir/envdir/config.env`);
		assert.equal(emptyDirFilePath(UID, 'envdir', '/config.env'), FILE);
		assert.equal(envFileKeyMissingMessage('K', FILE), `environment variable key "K" not found in file "${FILE}"`);
	});
});

/** The fixture's app reading two keys of config.env. */
function twoKeys(message: string): Pod {
	const pod = loadPod('env-file-missing-key');
	pod.spec.containers[0]!.env!.push({name: 'DB_PASSWORD', valueFrom: {fileKeyRef: {volumeName: 'envdir', path: 'config.env', key: 'DB_PASSWORD'}}});
	pod.status!.containerStatuses![0]!.state!.waiting!.message = message;
	return pod;
}

describe('which ref a failure blames', () => {
	const refs = envFileRefs(twoKeys(ENV_FILE_UNPARSABLE)).filter(ref => ref.container === 'app');
	const cases: Array<[string, ReturnType<typeof envFileFailure>, string[]]> = [
		['the named key only', {kind: 'key', key: 'DB_PASSWORD', file: FILE}, ['DB_PASSWORD']],
		['the named key of another file: every ref (the message does not fit the spec)', {kind: 'key', key: 'DB_PASSWORD', file: '/var/lib/kubelet/pods/x/volumes/kubernetes.io~empty-dir/other/x.env'}, ['DB_ADDRESS', 'DB_PASSWORD']],
		['unreadable: every ref of the container', {kind: 'unreadable'}, ['DB_ADDRESS', 'DB_PASSWORD']],
		['no message: every ref', undefined, ['DB_ADDRESS', 'DB_PASSWORD']],
	];
	for (const [name, failure, keys] of cases) it(name, () => assert.deepEqual(refsBlamed(refs, failure).map(ref => ref.key), keys));
});

describe('the env-file finding', () => {
	const cases: Array<{name: string; pod: () => Pod; headline: RegExp; details: RegExp[]; families?: string[]}> = [
		{
			name: 'key missing: names the file, the key, the writer and the kubelet\'s message',
			pod: () => loadPod('env-file-missing-key'),
			headline: /^Blocked at app 1\/1 app: CreateContainerConfigError — env file config\.env has no key DB_ADDRESS, written by init render-env$/,
			details: [/^Kubelet: environment variable key "DB_ADDRESS" not found in file "\/var\/lib\/kubelet\/pods\/.*\/envdir\/config\.env"$/, /^app reads env DB_ADDRESS = key DB_ADDRESS of config\.env in volume envdir$/, /the file is there, but no line sets that key/, /^init render-env: exited 0 \(Completed\)$/, /^Check that render-env writes config\.env as KEY=value lines with DB_ADDRESS/],
			families: ['env-file', 'config-error'],
		},
		{
			name: 'of two keys, only the one the kubelet names',
			pod: () => twoKeys(envFileKeyMissingMessage('DB_PASSWORD', FILE)),
			headline: /— env file config\.env has no key DB_PASSWORD, written by init render-env$/,
			details: [/^app reads env DB_PASSWORD = key DB_PASSWORD of config\.env in volume envdir$/],
		},
		{
			name: 'file missing or malformed: "missing or unreadable", every key',
			pod: () => twoKeys(ENV_FILE_UNPARSABLE),
			headline: /— env file config\.env missing or unreadable \(key DB_ADDRESS, DB_PASSWORD\), written by init render-env$/,
			details: [/^Kubelet: couldn't parse env file$/, /could not open or parse the file/],
		},
		{
			name: 'an unknown message still matches on the structure (CreateContainerConfigError + fileKeyRef)',
			pod: () => twoKeys('some other kubelet wording'),
			headline: /— env file config\.env \(key DB_ADDRESS\), config\.env \(key DB_PASSWORD\) missing or incomplete, written by init render-env$/,
			details: [/^Kubelet: some other kubelet wording$/],
		},
		{
			name: 'no init container mounts the volume writable: nothing writes it',
			pod: () => {
				const pod = loadPod('env-file-missing-key');
				pod.spec.initContainers![0]!.volumeMounts = [{name: 'envdir', mountPath: '/data', readOnly: true}];
				return pod;
			},
			headline: /— env file config\.env has no key DB_ADDRESS, and no init container mounts that volume writable$/,
			details: [/^Nothing writes the file: add the init container that renders it, or mark the reference optional: true\.$/],
		},
		{
			name: 'the writer\'s last log line is evidence',
			pod: () => loadPod('env-file-missing-key'),
			headline: /has no key DB_ADDRESS/,
			details: [/^init render-env: exited 0 \(Completed\); last log line: rendered \/data\/config\.env$/],
		},
	];
	for (const c of cases) {
		it(c.name, () => {
			const pod = c.pod();
			const logs = {'render-env': {container: 'render-env', previous: false, lines: ['rendered /data/config.env']}};
			const diagnosis = diagnose({pod, events: [], now: FIXTURE_NOW, ...(c.name.includes('last log line') ? {logs} : {})});
			assert.match(diagnosis.headline, c.headline);
			if (c.families) assert.deepEqual(diagnosis.findings.map(f => f.family), c.families);
			const details = diagnosis.findings.find(f => f.family === 'env-file')!.details;
			for (const detail of c.details) assert.ok(details.some(line => detail.test(line)), `${detail}\n${details.join('\n')}`);
		});
	}

	it('an optional ref never blocks: no finding', () => {
		const pod = loadPod('env-file-missing-key');
		pod.spec.containers[0]!.env![0]!.valueFrom!.fileKeyRef!.optional = true;
		assert.ok(!diagnose({pod, events: [], now: FIXTURE_NOW}).findings.some(f => f.family === 'env-file'));
	});
});

describe('the env-file checklist step', () => {
	const cases: Array<[string, () => Pod, string | undefined]> = [
		['key missing: the named key', () => loadPod('env-file-missing-key'), 'cannot be created (CreateContainerConfigError): app: config.env key DB_ADDRESS missing'],
		['unreadable: every key, missing or unreadable', () => twoKeys(ENV_FILE_UNPARSABLE), 'cannot be created (CreateContainerConfigError): app: config.env key DB_ADDRESS, config.env key DB_PASSWORD missing or unreadable'],
		['the reader was created: no preset', () => {
			const pod = loadPod('env-file-missing-key');
			pod.status!.containerStatuses![0]!.state = {running: {startedAt: '2026-01-01T00:00:05Z'}};
			return pod;
		}, undefined],
	];
	for (const [name, pod, why] of cases) {
		it(name, () => {
			const step = buildChecklist({pod: pod(), events: []}).steps.find(s => s.id === 'env-files')!;
			assert.equal(step.preset?.why, why);
			assert.equal(step.preset?.verdict, why ? 'failed' : undefined);
		});
	}
});

describe('the table\'s WHY names the key the kubelet names', () => {
	const cases: Array<[string, string, RegExp]> = [
		['key missing: that key', envFileKeyMissingMessage('DB_PASSWORD', FILE), /^suspect init render-env: env file config\.env \(key DB_PASSWORD\) — app: CreateContainerConfigError: /],
		['unreadable: the first ref', ENV_FILE_UNPARSABLE, /^suspect init render-env: env file config\.env \(key DB_ADDRESS\) — app: CreateContainerConfigError: couldn't parse env file/],
	];
	for (const [name, message, why] of cases) {
		it(name, () => {
			const row = summarizePod(twoKeys(message), FIXTURE_NOW);
			assert.equal(row.initCause, true);
			assert.match(row.why ?? '', why);
		});
	}
});
