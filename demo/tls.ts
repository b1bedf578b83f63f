// A self-signed serving certificate for 127.0.0.1, made with the openssl CLI. kubectl (client-go)
// sends a bearer token only over TLS, so the demo server speaks HTTPS.
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

export interface ServingCert {
	cert: string;
	key: string;
}

let cached: ServingCert | undefined;

/** One certificate per process: every demo cluster started by it reuses the same pair. */
export function servingCert(): ServingCert {
	if (cached) return cached;
	const dir = mkdtempSync(join(tmpdir(), 'initk9-demo-tls-'));
	try {
		const keyPath = join(dir, 'key.pem');
		const certPath = join(dir, 'cert.pem');
		execFileSync(
			'openssl',
			['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '3650', '-subj', '/CN=initk9-demo', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', keyPath, '-out', certPath],
			{stdio: ['ignore', 'ignore', 'pipe']},
		);
		cached = {cert: readFileSync(certPath, 'utf8'), key: readFileSync(keyPath, 'utf8')};
		return cached;
	} catch (error) {
		throw new Error(`cannot create the demo cluster's TLS certificate with openssl: ${(error as Error).message.split('\n')[0]}`);
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}
