// What krew requires of a plugin manifest before it installs it (krew's
// internal/index/validation: ValidatePlugin, validatePlatform, validateSelector): one message per
// problem, none for a valid manifest.
const SEMVER = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export function checkKrewManifest(manifest: unknown, name: string): string[] {
	if (!isObject(manifest)) return ['not a mapping'];
	const problems: string[] = [];
	if (manifest['apiVersion'] !== 'krew.googlecontainertools.github.com/v1alpha2') problems.push(`apiVersion ${String(manifest['apiVersion'])}`);
	if (manifest['kind'] !== 'Plugin') problems.push(`kind ${String(manifest['kind'])}`);
	const metadata = isObject(manifest['metadata']) ? manifest['metadata'] : {};
	if (metadata['name'] !== name || !/^[\w-]+$/.test(name)) problems.push(`metadata.name ${String(metadata['name'])}, not ${name}`);
	const spec = isObject(manifest['spec']) ? manifest['spec'] : {};
	if (typeof spec['shortDescription'] !== 'string' || spec['shortDescription'] === '') problems.push('no spec.shortDescription');
	if (typeof spec['version'] !== 'string' || !SEMVER.test(spec['version'])) problems.push(`spec.version ${String(spec['version'])} is not v-prefixed semver`);
	const platforms = Array.isArray(spec['platforms']) ? spec['platforms'] : [];
	if (platforms.length === 0) problems.push('no spec.platforms');
	for (const [index, platform] of platforms.entries()) {
		const at = `spec.platforms[${index}]`;
		if (!isObject(platform)) {
			problems.push(`${at} is not a mapping`);
			continue;
		}
		if (typeof platform['uri'] !== 'string' || platform['uri'] === '') problems.push(`${at}.uri missing`);
		if (typeof platform['sha256'] !== 'string' || !/^[a-f0-9]{64}$/.test(platform['sha256'])) problems.push(`${at}.sha256 invalid`);
		if (typeof platform['bin'] !== 'string' || platform['bin'] === '') problems.push(`${at}.bin missing`);
		if (platform['files'] !== undefined) {
			const files = platform['files'];
			if (!Array.isArray(files) || files.length === 0) problems.push(`${at}.files must be absent or non-empty`);
			else if (files.some(file => !isObject(file) || !file['from'] || !file['to'])) problems.push(`${at}.files need from and to`);
		}
		const selector = platform['selector'];
		const labels = isObject(selector) && isObject(selector['matchLabels']) ? selector['matchLabels'] : undefined;
		const expressions = isObject(selector) && Array.isArray(selector['matchExpressions']) ? selector['matchExpressions'] : undefined;
		if (!labels && !expressions?.length) problems.push(`${at}.selector empty`);
		const keys = [...Object.keys(labels ?? {}), ...(expressions ?? []).map(expression => (isObject(expression) ? String(expression['key']) : ''))];
		for (const key of keys) if (key !== 'os' && key !== 'arch') problems.push(`${at}.selector key ${key} not supported`);
		if (labels && Object.keys(labels).length === 0) problems.push(`${at}.selector.matchLabels empty`);
	}
	return problems;
}
