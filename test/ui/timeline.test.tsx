import {test} from 'node:test';
import assert from 'node:assert/strict';

// Colour support is decided when chalk loads: force it, then load Ink and the component.
process.env.FORCE_COLOR = '1';
const React = (await import('react')).default;
const {render} = await import('ink-testing-library');
const {Timeline} = await import('../../source/ui/Timeline.js');
const {layoutTimeline, rowText} = await import('../../source/render/timeline.js');
const {NOW, scenario2, scenario2Events, sidecarRunning} = await import('../fixtures/pods.js');

const ANSI = /\u001b\[[0-9;]*m/g;
/** Foreground colours (dim and bold are not colour and stay under NO_COLOR). */
const COLOUR = /\u001b\[(3[0-8]|9[0-7])[0-9;]*m/;

test('draws every row of the layout, the legend and the notes', () => {
	const layout = layoutTimeline({pod: scenario2.crashLoop, events: scenario2Events(), now: NOW, width: 80});
	const {lastFrame, unmount} = render(<Timeline layout={layout} color={false} />);
	const lines = lastFrame()!.replace(ANSI, '').split('\n');
	for (let i = 0; i < layout.rows.length; i++) assert.equal(lines[i]!.trimEnd(), rowText(layout.rows[i]!).trimEnd());
	assert.match(lines[3]!.trimEnd(), /^I3 init-failed-test\s+░××·×··×.*╳.*✖ exit 127 ×7$/);
	assert.match(lines[layout.rows.length]!, /█ done\s+╳ failed\s+× inferred run\s+· back-off/);
	assert.ok(lastFrame()!.includes('6 of 7 runs inferred'));
	assert.doesNotMatch(lastFrame()!, COLOUR, 'color={false} uses no colour');
	unmount();
});

test('colours by style tag when colour is on; the glyphs stay the same', () => {
	const layout = layoutTimeline({pod: sidecarRunning, events: [], now: NOW, width: 80});
	const plain = render(<Timeline layout={layout} color={false} showLegend={false} showNotes={false} />);
	const coloured = render(<Timeline layout={layout} color={true} showLegend={false} showNotes={false} />);
	const frame = coloured.lastFrame()!;
	assert.match(frame, COLOUR);
	assert.doesNotMatch(plain.lastFrame()!, COLOUR);
	assert.match(frame, /\u001b\[36m▓+/, 'running bars in cyan');
	assert.match(frame, /\u001b\[32m█+/, 'completed bars in green');
	assert.match(frame, /\u001b\[35mI1 istio-proxy ↻/, 'the sidecar label in magenta');
	assert.equal(frame.replace(ANSI, ''), plain.lastFrame()!.replace(ANSI, ''));
	assert.equal(plain.lastFrame()!.split('\n').length, layout.rows.length);
	plain.unmount();
	coloured.unmount();
});
