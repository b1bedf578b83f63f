// Opening a session: kubeconfig found and merged like kubectl, auth (token, exec plugin), and
// the exact one-line message a user sees for every bad case.
import assert from 'node:assert/strict';
import {chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {delimiter, join} from 'node:path';
import {after, before, test} from 'node:test';
import {parse, stringify} from 'yaml';
import type {DemoCluster} from '../../demo/index.js';
import {listContexts, openSession} from '../../source/kube/session.js';
import type {SessionOptions} from '../../source/kube/session.js';
import {InitError} from '../../source/kube/types.js';
import {nonGetRequests, startTestCluster, testTunables} from './helpers.js';

let demo: DemoCluster;
let dir: string;

interface Kubeconfig {
	clusters: Array<{name: string; cluster: Record<string, unknown>}>;
	users: Array<{name: string; user: Record<string, unknown>}>;
	contexts: Array<{name: string; context: {cluster: string; user?: string; namespace?: string}}>;
	'current-context'?: string;
	[key: string]: unknown;
}

before(async () => {
	demo = await startTestCluster();
	dir = mkdtempSync(join(tmpdir(), 'initk9-kube-'));
	demo.store.put('namespaces', {metadata: {name: 'team-a'}} as never);
});

after(async () => {
	assert.deepEqual(nonGetRequests(demo), []);
	await demo.stop();
	rmSync(dir, {recursive: true, force: true});
});

const demoConfig = (): Kubeconfig => parse(demo.kubeconfig) as Kubeconfig;

let fileCount = 0;
function writeConfig(config: Kubeconfig | string, name = `config-${++fileCount}`): string {
	const file = join(dir, name);
	writeFileSync(file, typeof config === 'string' ? config : stringify(config));
	return file;
}

async function openError(options: SessionOptions): Promise<string> {
	try {
		const session = await openSession({env: {}, homeDir: dir, tunables: testTunables, ...options});
		session.close();
	} catch (error) {
		assert.ok(error instanceof InitError, `expected InitError, got ${String(error)}`);
		assert.doesNotMatch(error.message, /\n/);
		return error.message;
	}
	throw new Error('openSession succeeded');
}

async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as {port: number};
	await new Promise(resolve => server.close(resolve));
	return port;
}

test('the demo kubeconfig opens: context, cluster, user, server, namespace', async () => {
	const session = await openSession({kubeconfig: demo.kubeconfigPath, env: {}, tunables: testTunables});
	try {
		assert.deepEqual(
			{context: session.context, cluster: session.cluster, user: session.user, server: session.server, namespace: session.namespace, allNamespaces: session.allNamespaces, contexts: session.contexts},
			{context: 'initk9-demo', cluster: 'initk9-demo', user: 'demo', server: demo.url, namespace: 'default', allNamespaces: false, contexts: ['initk9-demo']},
		);
	} finally {
		session.close();
	}
});

test('no kubeconfig at all (no KUBECONFIG, no ~/.kube/config) says so instead of trying localhost:8080', async () => {
	const empty = mkdtempSync(join(dir, 'home-'));
	assert.equal(await openError({homeDir: empty}), 'no kubeconfig found: set KUBECONFIG, pass --kubeconfig, or create ~/.kube/config (or try the built-in demo cluster: initk9 --demo)');
	assert.equal(await openError({env: {KUBECONFIG: `${join(empty, 'a')}${delimiter}${join(empty, 'b')}`}}), `no kubeconfig found: none of the files in KUBECONFIG exist (${join(empty, 'a')}, ${join(empty, 'b')})`);
	assert.equal(await openError({kubeconfig: join(empty, 'missing')}), `kubeconfig ${join(empty, 'missing')} not found`);
});

test('~/.kube/config is used when nothing else is given', async () => {
	const home = mkdtempSync(join(dir, 'home-'));
	mkdirSync(join(home, '.kube'));
	writeFileSync(join(home, '.kube', 'config'), demo.kubeconfig);
	const session = await openSession({env: {}, homeDir: home, tunables: testTunables});
	session.close();
	assert.equal(session.context, 'initk9-demo');
});

test('KUBECONFIG with several files: missing ones skipped, first file wins, contexts merged', async () => {
	const first = demoConfig();
	const second: Kubeconfig = {
		clusters: [{name: 'initk9-demo', cluster: {server: 'https://127.0.0.1:1'}}, {name: 'other', cluster: {server: 'https://127.0.0.1:1'}}],
		users: [{name: 'demo', user: {token: 'wrong'}}],
		contexts: [
			{name: 'initk9-demo', context: {cluster: 'other', user: 'demo'}},
			{name: 'team', context: {cluster: 'initk9-demo', user: 'demo', namespace: 'team-a'}},
		],
		'current-context': 'team',
	};
	const files = [join(dir, 'does-not-exist'), writeConfig(first), writeConfig(second)];
	const env = {KUBECONFIG: files.join(delimiter)};
	assert.deepEqual(listContexts({env}), {current: 'initk9-demo', contexts: ['initk9-demo', 'team']});
	// "team" comes from the second file but uses the first file's cluster and user (first wins).
	const session = await openSession({env, context: 'team', tunables: testTunables});
	session.close();
	assert.equal(session.namespace, 'team-a');
	assert.equal(session.server, demo.url);
	// -n beats the context's namespace.
	const overridden = await openSession({env, context: 'team', namespace: 'default', tunables: testTunables});
	overridden.close();
	assert.equal(overridden.namespace, 'default');
});

test('unknown context lists the available ones', async () => {
	const config = demoConfig();
	config.contexts.push({name: 'staging', context: {cluster: 'initk9-demo', user: 'demo'}});
	assert.equal(await openError({kubeconfig: writeConfig(config), context: 'prod'}), 'context "prod" not found in kubeconfig (available: initk9-demo, staging)');
	const noCurrent = demoConfig();
	delete noCurrent['current-context'];
	assert.equal(await openError({kubeconfig: writeConfig(noCurrent)}), 'no current context in kubeconfig: pass --context (available: initk9-demo)');
});

test('unreachable server: connection refused', async () => {
	const port = await freePort();
	const config = demoConfig();
	config.clusters[0]!.cluster.server = `https://127.0.0.1:${port}`;
	assert.equal(await openError({kubeconfig: writeConfig(config)}), `cannot reach https://127.0.0.1:${port}: connection refused`);
});

test('TLS failure: the server certificate is not trusted', async () => {
	const config = demoConfig();
	delete config.clusters[0]!.cluster['certificate-authority-data'];
	assert.equal(await openError({kubeconfig: writeConfig(config)}), `TLS error talking to ${demo.url}: certificate signed by unknown authority (self-signed)`);
	// insecure-skip-tls-verify is honoured.
	config.clusters[0]!.cluster['insecure-skip-tls-verify'] = true;
	const session = await openSession({kubeconfig: writeConfig(config), env: {}, tunables: testTunables});
	session.close();
});

test('401: wrong token', async () => {
	const config = demoConfig();
	config.users[0]!.user.token = 'not-the-token';
	assert.equal(await openError({kubeconfig: writeConfig(config)}), 'unauthorized (401): the server rejected the credentials in the kubeconfig');
});

test('404: the namespace does not exist', async () => {
	assert.equal(await openError({kubeconfig: demo.kubeconfigPath, namespace: 'nope'}), 'namespace "nope" not found');
});

test('403 names verb, resource and namespace (pods list and logs of a namespace outside the grant)', async () => {
	demo.faults.restrictNamespaces(['team-a']);
	try {
		const session = await openSession({kubeconfig: demo.kubeconfigPath, env: {}, tunables: testTunables});
		try {
			const watch = session.watchPods('default');
			const deadline = Date.now() + 30_000;
			while (watch.state.kind !== 'forbidden' && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 10));
			assert.deepEqual(watch.state, {kind: 'forbidden', message: 'forbidden: user "demo" cannot list pods in namespace "default"'});
			await assert.rejects(session.readLog({namespace: 'default', pod: 'p', container: 'app'}), {
				name: 'InitError',
				message: 'forbidden: user "demo" cannot get pods/log in namespace "default"',
			});
		} finally {
			session.close();
		}
	} finally {
		demo.faults.restrictNamespaces(undefined);
	}
});

test('broken YAML and invalid entries: file and first line of the reason', async () => {
	const broken = writeConfig('apiVersion: v1\nclusters:\n- name: a\n  cluster: {server: "https://x"\ncontexts: []\n');
	const message = await openError({kubeconfig: broken});
	assert.match(message, new RegExp(`^cannot parse kubeconfig ${broken}: `));
	assert.equal(message, `cannot parse kubeconfig ${broken}: missed comma between flow collection entries (5:1)`);
	const invalid = writeConfig('apiVersion: v1\nclusters:\n- name: a\n  cluster: {}\ncontexts: []\n');
	assert.equal(await openError({kubeconfig: invalid}), `invalid kubeconfig ${invalid}: clusters[0].cluster.server is missing`);
	const empty = writeConfig('');
	assert.equal(await openError({kubeconfig: empty}), `no contexts in kubeconfig (${empty})`);
});

test('exec plugin: a relative command next to the kubeconfig prints an ExecCredential the server accepts', async () => {
	const plugin = join(dir, 'token-plugin.sh');
	const credential = JSON.stringify({apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: {token: demo.token}});
	writeFileSync(plugin, `#!/bin/sh\necho '${credential}'\n`);
	chmodSync(plugin, 0o755);
	const config = demoConfig();
	config.users[0]!.user = {exec: {apiVersion: 'client.authentication.k8s.io/v1', command: './token-plugin.sh', interactiveMode: 'Never'}};
	const session = await openSession({kubeconfig: writeConfig(config), env: {}, tunables: testTunables});
	try {
		assert.deepEqual(await session.listNamespaces(), ['default', 'kube-system', 'team-a']);
	} finally {
		session.close();
	}
	// A plugin that fails: its stderr, one line.
	writeFileSync(plugin, '#!/bin/sh\necho "login required: run sso-login" >&2\nexit 1\n');
	assert.equal(await openError({kubeconfig: writeConfig(config)}), 'cannot get credentials for user "demo": login required: run sso-login');
});
