// Plays demo scenarios on a real kube-apiserver v1.20.2 for a look by hand:
//   npx tsx scripts/kube-apiserver/play.ts [--scenario NAME]... [--speed X]
// prints the kubeconfig to point initk9 (or kubectl) at; Ctrl-C stops the cluster.
import {parseArgs} from 'node:util';
import {startKubelet} from '../../demo/kubelet.js';
import {scenarioNames} from '../../demo/scenarios/index.js';
import {provision, startRealCluster} from '../../test/cluster/real-cluster.js';

const {values} = parseArgs({options: {scenario: {type: 'string', multiple: true}, speed: {type: 'string', default: '1'}}});
const scenarios = (values.scenario ?? []).flatMap(name => name.split(',')).filter(Boolean);
const state = provision();
if (!state.ok) {
	console.error(state.skip);
	process.exit(3);
}
const cluster = await startRealCluster({limitedNamespace: 'team-a'});
await cluster.grantRead('initk9-limited', 'team-a');
const kubelet = startKubelet({backend: cluster.backend, scenarios: scenarios.length ? scenarios : scenarioNames, speed: Number(values.speed)});
console.log(`kube-apiserver v1.20.2 at ${cluster.server}; contexts initk9-admin, initk9-limited (team-a)`);
console.log(`  node dist/initk9.js --kubeconfig ${cluster.kubeconfig} -A`);
console.log(`  kubectl --kubeconfig ${cluster.kubeconfig} get pods -A -w`);
console.log('Ctrl-C stops it.');
const stop = async () => {
	kubelet.stop();
	await cluster.stop();
	process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
