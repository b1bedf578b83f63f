// A self-signed serving certificate for 127.0.0.1 and localhost, made in-process: no openssl (or any
// other program) needed, so `initk9 --demo` works on minimal images and in the single executable.
// kubectl (client-go) sends a bearer token only over TLS, so the demo server speaks HTTPS.
// demo/certificate.ts builds it with @peculiar/x509 on WebCrypto: Node generates the P-256 key
// natively in a few ms, where node-forge (which `selfsigned` used before v5, which now wraps
// @peculiar/x509 itself) signs in JavaScript and offers RSA keys only. Loaded on first use, into
// its own chunk: only a demo run pays for it.

export interface ServingCert {
	cert: string;
	key: string;
}

let cached: Promise<ServingCert> | undefined;

/** One certificate per process: every demo cluster started by it reuses the same pair. */
export function servingCert(): Promise<ServingCert> {
	cached ??= import('./certificate.js').then(({selfSignedCertificate}) => selfSignedCertificate('initk9-demo')).catch((error: unknown) => {
		cached = undefined;
		throw new Error(`cannot create the demo cluster's TLS certificate: ${(error as Error).message.split('\n')[0]}`);
	});
	return cached;
}
