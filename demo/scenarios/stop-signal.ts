// Stop signals (KEP-4960: lifecycle.stopSignal, containerStatuses[].stopSignal), in namespace
// `reports`: `nightly-report` (restartPolicy Never, activeDeadlineSeconds 45) waits in init
// container `wait-for-ledger` for an export that never gets ready. At the deadline the kubelet
// records DeadlineExceeded, fails the pod and stops the init container with its image's
// STOPSIGNAL, SIGINT: the Python waiter dies of it with KeyboardInterrupt — exit 130 = 128+2, the
// kubelet's stop, not a crash. (A regular init container may not set `lifecycle`, so the signal is
// the image's, reported in initContainerStatuses[].stopSignal.)
import {container, pod, shell} from './manifests.js';
import {singlePodScenario} from './single-pod.js';
import type {Scenario} from './types.js';

export const REPORTS_NAMESPACE = 'reports';
export const REPORT_DEADLINE_SECONDS = 45;

const LEDGER = 'http://ledger-export.reports.svc:8080/ready';

export const stopSignal: Scenario = {
	...singlePodScenario(
		'stop-signal',
		`nightly-report (namespace reports): init wait-for-ledger waits forever; at activeDeadlineSeconds ${REPORT_DEADLINE_SECONDS} the kubelet stops it with its STOPSIGNAL SIGINT → exit 130, DeadlineExceeded`,
		() => pod('nightly-report', {
			namespace: REPORTS_NAMESPACE,
			labels: {app: 'nightly-report'},
			initContainers: [container('wait-for-ledger', 'registry.example/tools/wait-for:1.4', {command: ['python', '-m', 'waitfor', LEDGER]})],
			containers: [shell('report', 'echo building report && sleep 20')],
			spec: {restartPolicy: 'Never', activeDeadlineSeconds: REPORT_DEADLINE_SECONDS},
		}),
		{
			'wait-for-ledger': {
				logs: [`waiting for ${LEDGER}`],
				repeat: {every: 5, lines: [`${LEDGER}: connection refused, retrying in 5s`]},
				stopSignal: 'SIGINT',
				onStop: {logs: ['Traceback (most recent call last):', '  File "/app/waitfor/__main__.py", line 41, in <module>', '    time.sleep(5)', 'KeyboardInterrupt']},
			},
		},
	),
	namespaces: [REPORTS_NAMESPACE],
};
