// The demo's self-signed serving certificate, built with @peculiar/x509 on WebCrypto (why that
// library: demo/tls.ts). Imported only through tls.ts's dynamic import, so a run without the demo
// never loads it; named imports let esbuild drop the parts of the library this does not use.
import 'reflect-metadata';
import {webcrypto} from 'node:crypto';
import {
	BasicConstraintsExtension,
	cryptoProvider,
	ExtendedKeyUsage,
	ExtendedKeyUsageExtension,
	KeyUsageFlags,
	KeyUsagesExtension,
	PemConverter,
	SubjectAlternativeNameExtension,
	X509CertificateGenerator,
} from '@peculiar/x509';

const TEN_YEARS_MS = 3650 * 24 * 60 * 60 * 1000;

/** A P-256 key and a certificate for `CN=<commonName>` valid for 127.0.0.1 and localhost, both PEM. */
export async function selfSignedCertificate(commonName: string): Promise<{cert: string; key: string}> {
	// tsyringe (@peculiar/x509's dependency injection) needs the Reflect metadata polyfill above.
	const crypto = webcrypto as unknown as Crypto;
	cryptoProvider.set(crypto);
	const algorithm = {name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256'};
	const keys = await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
	const notBefore = new Date(Date.now() - 60_000);
	const serial = Buffer.from(crypto.getRandomValues(new Uint8Array(16)));
	serial[0] &= 0x7f; // a positive serial number
	const certificate = await X509CertificateGenerator.createSelfSigned({
		serialNumber: serial.toString('hex'),
		name: `CN=${commonName}`,
		notBefore,
		notAfter: new Date(notBefore.getTime() + TEN_YEARS_MS),
		signingAlgorithm: algorithm,
		keys,
		extensions: [
			new BasicConstraintsExtension(true, undefined, true),
			new KeyUsagesExtension(KeyUsageFlags.digitalSignature | KeyUsageFlags.keyCertSign, true),
			new ExtendedKeyUsageExtension([ExtendedKeyUsage.serverAuth]),
			new SubjectAlternativeNameExtension([{type: 'ip', value: '127.0.0.1'}, {type: 'dns', value: 'localhost'}]),
		],
	});
	const pkcs8 = await crypto.subtle.exportKey('pkcs8', keys.privateKey);
	return {cert: certificate.toString('pem'), key: PemConverter.encode(pkcs8, 'PRIVATE KEY')};
}
