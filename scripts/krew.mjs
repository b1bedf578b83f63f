// The release archive of the single executable and the krew plugin manifest that points at it.
// krew (https://krew.sigs.k8s.io/docs/developer-guide/plugin-manifest/) downloads the archive,
// checks its sha256, unpacks it and links `bin` onto PATH as kubectl-<metadata.name>: the plugin
// is `initk9`, run as `kubectl initk9`.
import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {readFileSync, writeFileSync} from 'node:fs';
import {basename, dirname, join} from 'node:path';
import {gzipSync} from 'node:zlib';
import {stringify} from 'yaml';
import {root} from './bundle-config.mjs';

const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Where releases are downloaded from unless --base-url says otherwise. */
export const DEFAULT_BASE_URL = `https://github.com/initk9/initk9/releases/download/v${packageJson.version}/`;
export const ARCHIVE_NAME = 'initk9-linux-amd64.tar.gz';

/**
 * `initk9-linux-amd64.tar.gz` next to the executable: the executable and the LICENSE at the top
 * level, owned by root, dated 1970 and gzip'd without a timestamp, so the same executable always
 * gives the same archive and the same sha256.
 */
export async function releaseArchive(executable, out) {
	const tar = execFileSync('tar', ['--sort=name', '--mtime=@0', '--owner=0', '--group=0', '--numeric-owner', '-cf', '-', '-C', dirname(executable), basename(executable), '-C', root, 'LICENSE'], {maxBuffer: 1 << 30});
	const gzipped = gzipSync(tar);
	const path = join(out, ARCHIVE_NAME);
	writeFileSync(path, gzipped);
	return {path, name: ARCHIVE_NAME, sha256: createHash('sha256').update(gzipped).digest('hex'), bin: basename(executable)};
}

/** The krew manifest (YAML) for the archive releaseArchive made. */
export function krewManifest({archive, baseUrl = DEFAULT_BASE_URL}) {
	const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
	return stringify({
		apiVersion: 'krew.googlecontainertools.github.com/v1alpha2',
		kind: 'Plugin',
		metadata: {name: 'initk9'},
		spec: {
			version: `v${packageJson.version}`,
			homepage: 'https://github.com/initk9/initk9',
			shortDescription: 'Find out why a pod is stuck before it starts',
			description: `${packageJson.description}\nA k9s-style terminal UI (kubectl initk9), or a plain-text report (kubectl initk9 report NS/POD). Read-only.\n`,
			caveats: 'For shell completion of `kubectl initk9`, link the executable as kubectl_complete-initk9\non your PATH (kubectl >= 1.26):\n  ln -s "$(command -v kubectl-initk9)" ~/.local/bin/kubectl_complete-initk9\n',
			platforms: [{
				selector: {matchLabels: {os: 'linux', arch: 'amd64'}},
				uri: `${base}${archive.name}`,
				sha256: archive.sha256,
				bin: archive.bin,
			}],
		},
	}, {lineWidth: 0});
}
