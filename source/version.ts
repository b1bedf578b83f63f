// initk9's version and the commit it was built from. scripts/bundle.mjs bakes both into the bundle
// (and so into the single executable); tsc's output, run from a checkout, reads package.json.
import {readFileSync} from 'node:fs';

declare const __INITK9_BUILD__: {version: string; commit: string} | undefined;

export interface BuildInfo {
	version: string;
	/** The git commit, with `-dirty` when the tree had changes; `unknown` outside a git checkout. */
	commit: string;
}

function packageVersion(): string {
	// source/version.ts sits one level below package.json, tsc's dist/source/version.js two.
	for (const path of ['../package.json', '../../package.json']) {
		try {
			const packageJson = JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as {name?: string; version?: string};
			if (packageJson.name === 'initk9' && packageJson.version) return packageJson.version;
		} catch {
			// not at this depth
		}
	}
	return 'unknown';
}

export function buildInfo(): BuildInfo {
	if (typeof __INITK9_BUILD__ !== 'undefined' && __INITK9_BUILD__) return __INITK9_BUILD__;
	return {version: packageVersion(), commit: 'unknown'};
}

/** What `initk9 --version` prints. */
export function versionLine(): string {
	const {version, commit} = buildInfo();
	return `initk9 ${version} (commit ${commit})`;
}
