// Programs read from a user's container command: the busybox idioms behave as on a real node.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {inferProgram} from '../../demo/kubelet/programs.js';
import {qualifiedImage, imageID} from '../../demo/kubelet/container-run.js';

const sh = (script: string) => ({name: 'c', image: 'busybox:1.28', command: ['sh', '-c', script]});

test('the article\'s dependency loop waits for the Service it names', () => {
	const program = inferProgram(sh('until nslookup mydb.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for mydb; sleep 2; done'), true);
	assert.deepEqual(program, {waitFor: {service: 'mydb'}});
});

test('echo and sleep: the lines are logged and the process runs that long', () => {
	assert.deepEqual(inferProgram(sh('echo The app is running! && sleep 3600'), false), {logs: ['The app is running!'], runSeconds: 3600});
	assert.deepEqual(inferProgram(sh("echo 'quoted text'; sleep 2; exit 4"), true), {logs: ['quoted text'], runSeconds: 2, exitCode: 4});
	assert.deepEqual(inferProgram(sh('echo applying && sleep 3 && echo applied && echo done && sleep 1'), true), {
		logs: ['applying'],
		logsAt: [{after: 3, lines: ['applied', 'done']}],
		runSeconds: 4,
	});
});

test('echo KEY=value > file: the lines of an env file, not of the log (> truncates, >> appends)', () => {
	const cases: Array<[string, object]> = [
		["echo 'CONFIG_1=value1' > /data/config.env && echo 'CONFIG_2=value2' >> /data/config.env", {logs: [], writes: [{path: '/data/config.env', keys: ['CONFIG_1', 'CONFIG_2']}], runSeconds: 0.5}],
		['echo A=1 >> /env/a.env && echo B=2 > /env/a.env && echo done', {logs: ['done'], writes: [{path: '/env/a.env', keys: ['B']}], runSeconds: 0.5}],
		['echo "not a pair" > /tmp/notes', {logs: [], writes: [{path: '/tmp/notes', keys: []}], runSeconds: 0.5}],
	];
	for (const [script, program] of cases) assert.deepEqual(inferProgram(sh(script), true), program, script);
});

test('an unknown command is "not found", exit 127', () => {
	assert.deepEqual(inferProgram(sh('hello.sh'), true), {logs: ['sh: hello.sh: not found'], exitCode: 127, runSeconds: 0.5});
});

test('no shell: init containers finish, app containers keep running', () => {
	assert.deepEqual(inferProgram({name: 'c', image: 'nginx:1.27'}, false), {});
	assert.deepEqual(inferProgram({name: 'c', image: 'migrate:1', command: ['/migrate', '--up']}, true), {runSeconds: 1});
	assert.equal(inferProgram(sh('while true; do echo tick; sleep 5; done'), false).runSeconds, undefined);
});

test('images are reported fully qualified, with a digest imageID', () => {
	assert.equal(qualifiedImage('busybox:1.28'), 'docker.io/library/busybox:1.28');
	assert.equal(qualifiedImage('nginx'), 'docker.io/library/nginx:latest');
	assert.equal(qualifiedImage('istio/proxyv2:1.24.0'), 'docker.io/istio/proxyv2:1.24.0');
	assert.equal(qualifiedImage('ghcr.io/shop/cart:2'), 'ghcr.io/shop/cart:2');
	assert.equal(imageID('busybox:1.28'), 'docker.io/library/busybox@sha256:141c253bc4c3fd0a201d32dc1f493bcf3fff003b6df416dea4f41046e0f37d47');
	assert.match(imageID('ghcr.io/shop/cart:2'), /^ghcr\.io\/shop\/cart@sha256:[0-9a-f]{64}$/);
});
