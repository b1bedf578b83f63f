// What a scenario module is and what the kubelet gives it to play with.
import type {Pod} from '../../source/model/k8s-types.js';
import type {ClusterBackend} from '../backend.js';
import type {EventInput} from '../events.js';
import type {PodPrograms} from '../kubelet/programs.js';
import type {ProgramRule} from '../kubelet.js';

export interface ScenarioContext {
	readonly backend: ClusterBackend;
	/** Creates the pod (namespace ensured) and runs it on the node with these container programs. */
	runPod(pod: Pod, programs?: PodPrograms): Promise<Pod>;
	/** Deletes the pod and stops its containers at once. */
	deletePod(namespace: string, name: string): Promise<void>;
	/** The nodes the kubelet plays (the first takes standalone pods). */
	readonly nodes: readonly string[];
	/** Programs for containers of pods a controller will create (matched by namespace, pod name, container, image). */
	addProgramRule(rule: ProgramRule): void;
	/** From now on, pulls on `node` of images under `prefix` fail with `error(image)`. */
	breakRegistry(node: string, prefix: string, error: (image: string) => string): void;
	/**
	 * From now on, new sandboxes of `namespace`'s pods on `node` fail with `error(sandboxID)`. The
	 * demo's stand-in for a broken CNI on the node, scoped to one namespace so that the other
	 * scenarios' pods there keep starting.
	 */
	breakNetwork(node: string, namespace: string, error: (sandboxID: string) => string): void;
	/** Records an event as a control-plane controller does (`input.component`, e.g. persistentvolume-controller), deduplicated. */
	controllerEvent(input: EventInput & {component: string}): Promise<void>;
	/** Waits `seconds` of cluster time; false once the kubelet stops (the scenario must return). */
	sleep(seconds: number): Promise<boolean>;
	readonly stopped: boolean;
}

export interface Scenario {
	readonly name: string;
	readonly summary: string;
	/** The namespaces its pods live in, when not only `default` (shell completion offers them for `--demo -n`). */
	readonly namespaces?: readonly string[];
	/** Plays (and loops) until ctx.sleep returns false. */
	play(ctx: ScenarioContext): Promise<void>;
}
