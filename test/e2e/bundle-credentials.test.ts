// The shipped bundle still reaches a cluster through the parts of client-node's KubeConfig that the
// start no longer evaluates up front (scripts/bundle.mjs: client-node tree-shaken, node-fetch and
// socks-proxy-agent loaded on first use): a socks5 proxy-url, an HTTP CONNECT proxy-url and an exec
// credential plugin. Each proxy counts the connections it carried, so bypassing it fails the test.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, writeFileSync} from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import YAML from 'yaml';
import {startApp, startDemo, stopApp} from './harness.js';
import type {DemoCluster} from '../../demo/index.js';

interface Proxy {
	url: string;
	/** Tunnels opened so far. */
	readonly tunnels: number;
	close(): Promise<void>;
}

function listen(server: net.Server, scheme: string, counter: () => number): Promise<Proxy> {
	const sockets = new Set<net.Socket>();
	server.on('connection', socket => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	return new Promise(resolve => {
		server.listen(0, '127.0.0.1', () => {
			const {port} = server.address() as net.AddressInfo;
			resolve({
				url: `${scheme}://127.0.0.1:${port}`,
				get tunnels() {
					return counter();
				},
				close: () => {
					for (const socket of sockets) socket.destroy();
					return new Promise(done => server.close(() => done()));
				},
			});
		});
	});
}

function tunnel(client: net.Socket, host: string, port: number, connected: (upstream: net.Socket) => void): void {
	const upstream = net.connect(port, host, () => {
		connected(upstream);
		upstream.pipe(client);
		client.pipe(upstream);
	});
	upstream.on('error', () => client.destroy());
	client.on('error', () => upstream.destroy());
	client.on('close', () => upstream.destroy());
}

/** A SOCKS5 server (no authentication, CONNECT to IPv4 or a domain name). */
function socks5Proxy(): Promise<Proxy> {
	let tunnels = 0;
	const server = net.createServer(client => {
		client.once('data', greeting => {
			if (greeting[0] !== 5) return client.destroy();
			client.write(Buffer.from([5, 0]));
			client.once('data', request => {
				const type = request[3];
				let host: string;
				let offset: number;
				if (type === 1) {
					host = [...request.subarray(4, 8)].join('.');
					offset = 8;
				} else if (type === 3) {
					host = request.subarray(5, 5 + request[4]!).toString();
					offset = 5 + request[4]!;
				} else {
					return client.destroy();
				}
				tunnel(client, host, request.readUInt16BE(offset), () => {
					tunnels++;
					client.write(Buffer.from([5, 0, 0, 1, 0, 0, 0, 0, 0, 0]));
				});
			});
		});
	});
	return listen(server, 'socks5', () => tunnels);
}

/** An HTTP proxy that only tunnels (CONNECT), as used for an https:// server. */
function connectProxy(): Promise<Proxy> {
	let tunnels = 0;
	const server = http.createServer((_request, response) => response.writeHead(405).end());
	server.on('connect', (request: http.IncomingMessage, client: net.Socket) => {
		const [host, port] = (request.url ?? '').split(':');
		tunnel(client, host!, Number(port), () => {
			tunnels++;
			client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
		});
	});
	return listen(server, 'http', () => tunnels);
}

let demo: DemoCluster;
let dir: string;
before(async () => {
	demo = await startDemo({kubelet: false});
	dir = mkdtempSync(join(tmpdir(), 'initk9-bundle-credentials-'));
});
after(async () => {
	await demo?.stop();
});

/** The demo kubeconfig with `edit` applied to its only cluster and user. */
function kubeconfigWith(name: string, edit: (cluster: Record<string, unknown>, user: Record<string, unknown>) => void): string {
	const config = YAML.parse(demo.kubeconfig) as {clusters: Array<{cluster: Record<string, unknown>}>; users: Array<{user: Record<string, unknown>}>};
	edit(config.clusters[0]!.cluster, config.users[0]!.user);
	const path = join(dir, name);
	writeFileSync(path, YAML.stringify(config));
	return path;
}

async function showsTheEmptyNamespace(kubeconfig: string): Promise<void> {
	const app = await startApp({args: ['--kubeconfig', kubeconfig], cols: 160, rows: 20});
	try {
		await app.waitFor(screen => screen.some(line => line.includes('● live')) && screen.some(line => line.includes('no pods in namespace default')), 15_000);
	} finally {
		await stopApp(app);
	}
}

for (const [kind, startProxy] of [['a socks5', socks5Proxy], ['an http (CONNECT)', connectProxy]] as const) {
	test(`${kind} proxy-url: the pod list arrives through the proxy`, async () => {
		const proxy = await startProxy();
		try {
			await showsTheEmptyNamespace(kubeconfigWith(`${proxy.url.split(':')[0]}-proxy`, cluster => {
				cluster['proxy-url'] = proxy.url;
			}));
			assert.ok(proxy.tunnels > 0, `no connection went through the proxy at ${proxy.url}`);
		} finally {
			await proxy.close();
		}
	});
}

test('an exec credential plugin supplies the token', async () => {
	const credential = JSON.stringify({apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: {token: demo.token}});
	await showsTheEmptyNamespace(kubeconfigWith('exec', (_cluster, user) => {
		delete user['token'];
		user['exec'] = {
			apiVersion: 'client.authentication.k8s.io/v1',
			command: process.execPath,
			args: ['-e', `process.stdout.write(${JSON.stringify(credential)})`],
			interactiveMode: 'Never',
		};
	}));
});
