// A loopback TCP proxy the test can cut and restore: a network partition between initk9 and the
// real API server while the harness keeps writing to the server directly.
import {createServer, connect, type Socket} from 'node:net';
import type {AddressInfo} from 'node:net';

export interface TcpProxy {
	readonly port: number;
	/** Drops every open connection and refuses new ones until restore(). */
	cut(): void;
	restore(): void;
	/** Connections accepted so far (each reconnect of the client adds one). */
	readonly accepted: number;
	close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
	const sockets = new Set<Socket>();
	let open = true;
	let accepted = 0;
	const server = createServer(client => {
		if (!open) {
			client.resetAndDestroy();
			return;
		}
		accepted++;
		const upstream = connect(targetPort, '127.0.0.1');
		for (const socket of [client, upstream]) {
			sockets.add(socket);
			socket.on('close', () => sockets.delete(socket));
			socket.on('error', () => {
				client.destroy();
				upstream.destroy();
			});
		}
		client.pipe(upstream);
		upstream.pipe(client);
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const proxy: TcpProxy = {
		port: (server.address() as AddressInfo).port,
		get accepted() {
			return accepted;
		},
		cut() {
			open = false;
			for (const socket of sockets) socket.resetAndDestroy();
		},
		restore() {
			open = true;
		},
		close() {
			proxy.cut();
			return new Promise(resolve => server.close(() => resolve()));
		},
	};
	return proxy;
}
