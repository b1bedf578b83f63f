// Where completion candidates come from: the kubeconfig's contexts, and the cluster's namespaces
// and pods through the same read-only session as the TUI (GETs only). Each lookup gives up after
// LOOKUP_DEADLINE_MS: a shell waiting on a slow cluster is worse than no candidates.
import type {Connection, Lookups} from './complete.js';

export const LOOKUP_DEADLINE_MS = 5000;

function withDeadline<T>(work: Promise<T>): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const deadline = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error('completion lookup timed out')), LOOKUP_DEADLINE_MS);
	});
	return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

async function withSession<T>(connection: Connection, run: (session: import('../kube/types.js').ClusterSession) => Promise<T>): Promise<T> {
	const {openSession} = await import('../kube/session.js');
	return withDeadline((async () => {
		const session = await openSession({kubeconfig: connection.kubeconfig, context: connection.context});
		try {
			return await run(session);
		} finally {
			session.close();
		}
	})());
}

export const clusterLookups: Lookups = {
	async contexts(kubeconfig) {
		const {listContexts} = await import('../kube/session.js');
		return listContexts({kubeconfig}).contexts;
	},
	namespaces: connection => withSession(connection, session => session.listNamespaces()),
	pods: (connection, namespace) => withSession(connection, async session => {
		const list = await session.getObject(`/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`) as {items?: Array<{metadata?: {name?: string}}>} | undefined;
		return (list?.items ?? []).map(pod => pod.metadata?.name ?? '').filter(Boolean).sort();
	}),
	async scenarios() {
		const {scenarioNames} = await import('../../demo/scenarios/index.js');
		return [...scenarioNames];
	},
	async demoNamespaces() {
		const {scenarioNamespaces} = await import('../../demo/scenarios/index.js');
		return [...scenarioNamespaces];
	},
};
