// What the printing subcommands (`initk9 report`, `initk9 causes`) share around their work: a bad
// command line prints `initk9: <message>` and the usage and exits 2; the cluster session opened
// for the arguments is closed on every path.
import {USAGE, type ClusterArguments} from '../args.js';
import {openSession} from '../kube/session.js';
import type {ClusterSession} from '../kube/types.js';

export async function runOnCluster<A extends ClusterArguments>(
	argv: readonly string[],
	parse: (argv: readonly string[]) => A,
	run: (args: A, session: ClusterSession) => Promise<number>,
): Promise<number> {
	let args: A;
	try {
		args = parse(argv);
	} catch (error) {
		process.stderr.write(`initk9: ${(error as Error).message}\n\n${USAGE}`);
		return 2;
	}
	const session = await openSession({kubeconfig: args.kubeconfig, context: args.context, namespace: args.namespace, allNamespaces: args.allNamespaces});
	try {
		return await run(args, session);
	} finally {
		session.close();
	}
}
