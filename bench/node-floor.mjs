// The floor of any Node.js client on this machine, for figure 7: start Node, GET the full PodList
// in one request, JSON.parse it, print the number of items, exit. No kubeconfig library, no UI:
// what is left is Node's own start-up, its TLS and HTTP, and the parse of the body.
// With `--table`, the list as kubectl asks for it (the server's printed Table), rows counted.
// Env: FLOOR_URL (the server), FLOOR_TOKEN (a bearer token), FLOOR_CA (the CA certificate, PEM).
import {readFileSync} from 'node:fs';
import {request} from 'node:https';

const table = process.argv.includes('--table');
const accept = table ? 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' : 'application/json';
const headers = {Authorization: `Bearer ${process.env.FLOOR_TOKEN}`, Accept: accept};
const chunks = [];
request(`${process.env.FLOOR_URL}/api/v1/pods`, {headers, ca: readFileSync(process.env.FLOOR_CA)}, response => {
	if (response.statusCode !== 200) {
		process.stderr.write(`node-floor: HTTP ${response.statusCode}\n`);
		process.exit(1);
	}
	response.on('data', chunk => chunks.push(chunk));
	response.on('end', () => {
		const list = JSON.parse(Buffer.concat(chunks).toString('utf8'));
		process.stdout.write(String((table ? list.rows : list.items).length));
	});
})
	.on('error', error => {
		process.stderr.write(`node-floor: ${error.message}\n`);
		process.exit(1);
	})
	.end();
