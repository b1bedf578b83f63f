// The demo cluster's scenarios, by name (names are fixed: tests, docs and flags rely on them).
// A scenario is a small module: build the pod manifest (manifests.ts), give container programs
// where the command line alone does not say what happens (kubelet/programs.ts), and play it with
// ctx.runPod / ctx.sleep / ctx.deletePod; the kubelet does the rest with real kubelet semantics.
import {busy} from './busy.js';
import {dependencyWait} from './dependency-wait.js';
import {envFile} from './env-file.js';
import {exit127} from './exit-127.js';
import {fleet} from './fleet.js';
import {healthy} from './healthy.js';
import {imagePull} from './image-pull.js';
import {missingConfigMap} from './missing-configmap.js';
import {oomInit} from './oom-init.js';
import {podRestart} from './pod-restart.js';
import {rolloutStuck} from './rollout-stuck.js';
import {sideEffect} from './side-effect.js';
import {restartRules} from './restart-rules.js';
import {sandboxCni} from './sandbox-cni.js';
import {sandboxRuntime} from './sandbox-runtime.js';
import {sidecar} from './sidecar.js';
import {stopSignal} from './stop-signal.js';
import type {Scenario} from './types.js';
import {volumePending} from './volume-pending.js';

export const scenarios: readonly Scenario[] = [healthy, exit127, dependencyWait, sideEffect, imagePull, missingConfigMap, oomInit, sidecar, busy, fleet, rolloutStuck, sandboxRuntime, sandboxCni, volumePending, restartRules, podRestart, envFile, stopSignal];

export const scenarioNames: readonly string[] = scenarios.map(scenario => scenario.name);

/** Every namespace the scenarios play in, sorted. */
export const scenarioNamespaces: readonly string[] = [...new Set(scenarios.flatMap(scenario => scenario.namespaces ?? ['default']))].sort();

export function scenarioByName(name: string): Scenario | undefined {
	return scenarios.find(scenario => scenario.name === name);
}

export type {Scenario, ScenarioContext} from './types.js';
