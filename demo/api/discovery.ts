// Discovery documents (`/version`, `/api`, `/apis`, `/api/v1`): the legacy (unaggregated) forms,
// which kubectl accepts when its aggregated-discovery Accept header is not honoured.
import {coreResourceList, versionInfo} from './resources.js';

const serverAddress = [{clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1'}];

export const discovery: Record<string, () => object> = {
	'/version': () => versionInfo,
	'/api': () => ({kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: serverAddress}),
	'/api/v1': coreResourceList,
	'/apis': () => ({kind: 'APIGroupList', apiVersion: 'v1', groups: []}),
	'/healthz': () => ({}),
	'/livez': () => ({}),
	'/readyz': () => ({}),
};
