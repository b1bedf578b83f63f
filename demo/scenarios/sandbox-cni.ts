// Stuck before the first init container on the pod network (issue 18): on demo-worker-2 the CNI's
// host-local IPAM has no address left (leaked leases), so every sandbox the kubelet creates for
// payments-worker fails. The error is containerd's over flannel's as real clusters print it
// (k3s-io/k3s#7078): `failed to setup network for sandbox "<id>": plugin type="flannel" failed
// (add): failed to delegate add: failed to allocate for range 0: no IP addresses available in
// range set: …`. Each retry names a new sandbox, so after ten the kubelet's event aggregator
// reports `(combined from similar events): …` with a climbing count.
// Only this namespace's sandboxes fail (the demo's scoping, so other scenarios' pods on that node
// keep starting; on a real node every new pod there would fail).
import {pod, replacePod, shell} from './manifests.js';
import type {Scenario} from './types.js';

export const NETWORK_NAMESPACE = 'network';
/** demo-worker-2's pod CIDR is 10.244.102.0/24 (demo/index.ts): host-local hands out .1 to .254. */
const RANGE_SET = '10.244.102.1-10.244.102.254';

export const sandboxCni: Scenario = {
	name: 'sandbox-cni',
	summary: 'payments-worker (namespace network): the CNI IP range of its node is exhausted → FailedCreatePodSandBox (no IP addresses available in range set), Init:0/1',
	namespaces: [NETWORK_NAMESPACE],
	async play(ctx) {
		const node = ctx.nodes[2] ?? ctx.nodes[0]!;
		ctx.breakNetwork(node, NETWORK_NAMESPACE, () => `plugin type="flannel" failed (add): failed to delegate add: failed to allocate for range 0: no IP addresses available in range set: ${RANGE_SET}`);
		await replacePod(ctx, NETWORK_NAMESPACE, 'payments-worker');
		await ctx.runPod(pod('payments-worker', {
			namespace: NETWORK_NAMESPACE,
			labels: {app: 'payments-worker'},
			initContainers: [shell('wait-for-db', 'until nc -z payments-db 5432; do sleep 2; done')],
			containers: [shell('worker', 'echo processing payments && sleep 3600')],
			spec: {nodeSelector: {'kubernetes.io/hostname': node}},
		}));
	},
};
