// An init container whose image tag does not exist: ErrImagePull ↔ ImagePullBackOff.
import {initStepsPod, shell} from './manifests.js';
import {singlePodScenario} from './single-pod.js';

const IMAGE = 'busybox:1.28-typo';
const REF = `docker.io/library/${IMAGE}`;
export const PULL_ERROR = `rpc error: code = NotFound desc = failed to pull and unpack image "${REF}": failed to resolve reference "${REF}": ${REF}: not found`;

export const imagePull = singlePodScenario(
	'image-pull',
	'myapp-pull: init container image busybox:1.28-typo does not exist → Init:ErrImagePull / Init:ImagePullBackOff',
	() => initStepsPod('myapp-pull', [shell('init-setup', 'echo setup done', {image: IMAGE})]),
	{'init-setup': {image: {error: PULL_ERROR}}},
);
