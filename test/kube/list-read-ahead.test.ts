// A list reads one page ahead: the next page is asked for as soon as a page's head (its metadata,
// with the continue token) has arrived, and the full list as soon as the last printed page's head
// has. A small HTTP server here holds a page's body until the request it should have caused
// arrives: without reading ahead, the list never completes.
import assert from 'node:assert/strict';
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import {continueInHead} from '../../source/kube/resource-watch.js';
import {openSession} from '../../source/kube/session.js';
import {testTunables, waitFor} from './helpers.js';

const pod = (name: string) => ({metadata: {name, namespace: 'default', uid: `uid-${name}`, resourceVersion: '10', creationTimestamp: '2026-01-01T00:00:00Z'}, spec: {containers: [{name: 'app', image: 'nginx'}]}, status: {phase: 'Running'}});
const tableRow = (name: string) => ({cells: [name, '1/1', 'Running', 0, '1d'], object: {metadata: pod(name).metadata}});
const COLUMNS = ['Name', 'Ready', 'Status', 'Restarts', 'Age'].map(name => ({name, type: 'string'}));
/** Enough padding that the head is sent on its own, before the held rest of the body. */
const PADDING = ' '.repeat(5000);

type Handler = (request: IncomingMessage, response: ServerResponse, url: URL) => void;
let server: Server;
let handler: Handler = (_request, response) => response.end();
let dir: string;
let kubeconfig: string;

before(async () => {
	server = createServer((request, response) => handler(request, response, new URL(request.url ?? '/', 'http://localhost')));
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as {port: number};
	dir = mkdtempSync(join(tmpdir(), 'initk9-read-ahead-'));
	kubeconfig = join(dir, 'config');
	writeFileSync(
		kubeconfig,
		`apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "http://127.0.0.1:${port}"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n`,
	);
});

after(async () => {
	server.closeAllConnections();
	await new Promise(resolve => server.close(resolve));
	rmSync(dir, {recursive: true, force: true});
});

/** Answers /version, holds watches open, and hands lists of pods to `lists`. */
function serve(lists: Handler): void {
	handler = (request, response, url) => {
		if (url.pathname === '/version') return void response.end(JSON.stringify({major: '1', minor: '33'}));
		if (url.pathname !== '/api/v1/pods') return void response.writeHead(404).end();
		if (url.searchParams.get('watch') === '1') {
			response.writeHead(200, {'Content-Type': 'application/json'});
			return void response.write('');
		}
		lists(request, response, url);
	};
}

const isTable = (request: IncomingMessage) => /as=Table/.test(request.headers.accept ?? '');

test('continueInHead reads the token from a list\'s beginning, and only from its metadata', () => {
	const cases: Array<[string, string | undefined]> = [
		['{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"5","continue":"eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6NX0"},"items":[{"metadata"', 'eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6NX0'],
		['{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"5"},"items":[]}', ''],
		['{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"5","continue":"abc"},"columnDefinitions":[', 'abc'],
		['{"kind":"Table","metadata":{"continue":"abc","remainingItemCount":10},"rows":[', 'abc'],
		['{ "kind" : "PodList", "metadata" : { "continue" : "abc" }, "items" : [', 'abc'],
		// The items have not started: more metadata may follow.
		['{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"5"', undefined],
		// Items first (not how the API server writes a list): a "continue" there is not the list's.
		['{"items":[{"metadata":{"continue":"x"}}],"metadata":{"continue":"abc"}}', undefined],
		['{"kind":"Status","status":"Failure","message":"continue"}', undefined],
	];
	for (const [head, expected] of cases) assert.equal(continueInHead(head), expected, head);
});

test('the next page is asked for while a page is still arriving', {timeout: 60_000}, async () => {
	const asked: string[] = [];
	let releasePage1: (() => void) | undefined;
	serve((request, response, url) => {
		if (isTable(request)) return void response.writeHead(406).end();
		const token = url.searchParams.get('continue') ?? '';
		asked.push(token || 'first');
		response.writeHead(200, {'Content-Type': 'application/json'});
		if (token === '') {
			// The head, then the items only once page 2 has been asked for.
			response.write(`{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"10","continue":"page2"},"items":[${PADDING}`);
			releasePage1 = () => response.end(`${JSON.stringify(pod('a'))}]}`);
		} else if (token === 'page2') {
			releasePage1?.();
			response.end(JSON.stringify({kind: 'PodList', apiVersion: 'v1', metadata: {resourceVersion: '10', continue: 'page3'}, items: [pod('b')]}));
		} else {
			response.end(JSON.stringify({kind: 'PodList', apiVersion: 'v1', metadata: {resourceVersion: '10'}, items: [pod('c')]}));
		}
	});
	const session = await openSession({kubeconfig, allNamespaces: true, env: {}, tunables: testTunables});
	try {
		const watch = session.watchPods(undefined);
		await waitFor('the list to complete', () => watch.synced, 50_000);
		assert.deepEqual([...watch.items().keys()].sort(), ['uid-a', 'uid-b', 'uid-c']);
		assert.deepEqual(asked, ['first', 'page2', 'page3'], 'each page asked for once, in order');
	} finally {
		session.close();
	}
});

test('the full list is asked for while the last printed page is still arriving', {timeout: 60_000}, async () => {
	let releaseTable: (() => void) | undefined;
	const order: string[] = [];
	serve((request, response) => {
		response.writeHead(200, {'Content-Type': 'application/json'});
		if (isTable(request)) {
			order.push('table');
			response.write(`{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"10"},"columnDefinitions":${JSON.stringify(COLUMNS)},"rows":[${PADDING}`);
			releaseTable = () => response.end(`${JSON.stringify(tableRow('a'))},${JSON.stringify(tableRow('b'))}]}`);
			return;
		}
		order.push('full');
		releaseTable?.();
		response.end(JSON.stringify({kind: 'PodList', apiVersion: 'v1', metadata: {resourceVersion: '10'}, items: [pod('a'), pod('b')]}));
	});
	const session = await openSession({kubeconfig, allNamespaces: true, env: {}, tunables: testTunables});
	try {
		const watch = session.watchPods(undefined);
		await waitFor('the list to complete', () => watch.synced, 50_000);
		assert.deepEqual(order, ['table', 'full']);
		assert.deepEqual([...watch.items().keys()].sort(), ['uid-a', 'uid-b']);
		assert.equal(watch.preview().size, 0, 'no printed row left once synced');
	} finally {
		session.close();
	}
});

test('a list stopped early cancels the page read ahead', {timeout: 60_000}, async () => {
	let aheadClosed = false;
	let aheadAsked = false;
	serve((request, response, url) => {
		if (isTable(request)) return void response.writeHead(406).end();
		response.writeHead(200, {'Content-Type': 'application/json'});
		if (url.searchParams.get('continue')) {
			// The page read ahead: never answered; the client must give it up.
			aheadAsked = true;
			request.on('close', () => (aheadClosed = true));
			return void response.write('');
		}
		response.write(`{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"10","continue":"page2"},"items":[${PADDING}`);
	});
	const session = await openSession({kubeconfig, allNamespaces: true, env: {}, tunables: testTunables});
	const watch = session.watchPods(undefined);
	await waitFor('page 2 to be asked for', () => aheadAsked, 50_000);
	session.close();
	await waitFor('the read-ahead request to be closed', () => aheadClosed, 50_000);
});
