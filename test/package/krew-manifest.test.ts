// The krew manifest check itself, table-driven: it must reject what krew rejects.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {checkKrewManifest} from './krew-manifest.js';

const valid = {
	apiVersion: 'krew.googlecontainertools.github.com/v1alpha2',
	kind: 'Plugin',
	metadata: {name: 'initk9'},
	spec: {
		version: 'v0.1.0',
		shortDescription: 'x',
		platforms: [{selector: {matchLabels: {os: 'linux', arch: 'amd64'}}, uri: 'https://example.org/a.tar.gz', sha256: 'a'.repeat(64), bin: 'initk9'}],
	},
};
const platform = valid.spec.platforms[0]!;

test('a valid manifest has no problems', () => {
	assert.deepEqual(checkKrewManifest(valid, 'initk9'), []);
});

const broken: Array<[string, unknown, RegExp]> = [
	['wrong apiVersion', {...valid, apiVersion: 'krew.googlecontainertools.github.com/v1alpha1'}, /apiVersion/],
	['wrong kind', {...valid, kind: 'Plugins'}, /kind/],
	['name differs', {...valid, metadata: {name: 'kubectl-initk9'}}, /metadata.name/],
	['version without v', {...valid, spec: {...valid.spec, version: '0.1.0'}}, /semver/],
	['no short description', {...valid, spec: {...valid.spec, shortDescription: ''}}, /shortDescription/],
	['no platforms', {...valid, spec: {...valid.spec, platforms: []}}, /platforms/],
	['sha256 in capitals', {...valid, spec: {...valid.spec, platforms: [{...platform, sha256: 'A'.repeat(64)}]}}, /sha256/],
	['no bin', {...valid, spec: {...valid.spec, platforms: [{...platform, bin: ''}]}}, /bin/],
	['no uri', {...valid, spec: {...valid.spec, platforms: [{...platform, uri: ''}]}}, /uri/],
	['empty files', {...valid, spec: {...valid.spec, platforms: [{...platform, files: []}]}}, /files/],
	['selector on another key', {...valid, spec: {...valid.spec, platforms: [{...platform, selector: {matchLabels: {distro: 'debian'}}}]}}, /selector key distro/],
	['no selector', {...valid, spec: {...valid.spec, platforms: [{...platform, selector: undefined}]}}, /selector empty/],
];

for (const [name, manifest, problem] of broken) {
	test(`rejected: ${name}`, () => {
		const problems = checkKrewManifest(manifest, 'initk9');
		assert.ok(problems.some(line => problem.test(line)), problems.join('; '));
	});
}
