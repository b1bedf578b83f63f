// The kubeconfig that points kubectl / initk9 at the demo API server.
import {stringify} from 'yaml';

export const demoContextName = 'initk9-demo';
export const demoUserName = 'demo';

/** `caCert` (PEM) is the self-signed serving certificate when the server speaks HTTPS. */
export function demoKubeconfig(url: string, token: string, caCert?: string): string {
	return stringify({
		apiVersion: 'v1',
		kind: 'Config',
		clusters: [{name: demoContextName, cluster: {server: url, ...(caCert ? {'certificate-authority-data': Buffer.from(caCert).toString('base64')} : {})}}],
		users: [{name: demoUserName, user: {token}}],
		contexts: [{name: demoContextName, context: {cluster: demoContextName, user: demoUserName, namespace: 'default'}}],
		'current-context': demoContextName,
		preferences: {},
	});
}
