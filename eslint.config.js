// ESLint (flat config): TypeScript's recommended rules, the rules of hooks, and the rules that
// keep initk9's layers one-way and every key going through source/input/.
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const RAW_INPUT = {
	name: 'ink',
	importNames: ['useInput'],
	message: 'Keys go through source/input/ (useScreenActions, usePrompt, useKeyHandler): one reader, bursts split, prompt > screen > global.',
};

/** no-restricted-imports for a layer: the raw input ban plus the folders it must not import. */
function layer(files, forbidden, message) {
	return {
		files,
		rules: {
			'no-restricted-imports': ['error', {
				paths: [RAW_INPUT, ...forbidden.filter(name => !name.includes('/')).map(name => ({name, message}))],
				patterns: [{group: forbidden.filter(name => name.includes('/')), message}],
			}],
		},
	};
}

export default tseslint.config(
	{ignores: ['dist/**', 'node_modules/**', 'bench/**', 'test/**', 'scripts/**', 'demo/**']},
	...tseslint.configs.recommended,
	{
		files: ['**/*.{ts,tsx}'],
		plugins: {'react-hooks': reactHooks},
		rules: {
			'react-hooks/rules-of-hooks': 'error',
			'react-hooks/exhaustive-deps': 'warn',
			'@typescript-eslint/no-explicit-any': 'error',
			'@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none'}],
			'no-control-regex': 'off',
			'no-restricted-imports': ['error', {paths: [RAW_INPUT]}],
		},
	},
	// The model is pure: no cluster access, no React, no screens, no presentation.
	layer(['source/model/**'], ['**/kube/**', '**/hooks/**', '**/views/**', '**/ui/**', '**/input/**', '**/render/**', '**/app-context*', 'react', 'ink'], 'source/model is pure facts and decisions: it imports neither kube nor hooks nor views nor ui nor render.'),
	// Renderers turn model facts into text; they may read the model, never screens or the cluster.
	layer(['source/render/**'], ['**/kube/**', '**/hooks/**', '**/views/**', '**/ui/**', '**/input/**', '**/app-context*', 'react', 'ink'], 'source/render is pure: it imports the model only, neither kube nor hooks nor views nor ui.'),
	// Hooks feed screens; they never import them.
	layer(['source/hooks/**'], ['**/views/**'], 'hooks do not import views (move shared logic to source/model).'),
	layer(['source/kube/**'], ['**/hooks/**', '**/views/**', '**/ui/**', '**/input/**', 'react', 'ink'], 'source/kube talks HTTP; it knows nothing of the UI.'),
	layer(['source/ui/**'], ['**/views/**', '**/hooks/**'], 'ui components are drawn by views, they do not import them.'),
	layer(['source/input/**'], ['**/views/**', '**/hooks/**', '**/kube/**'], 'source/input knows keys, not screens.'),
	// The one place that reads keys from Ink.
	{
		files: ['source/input/InputProvider.tsx'],
		rules: {'no-restricted-imports': 'off'},
	},
);
