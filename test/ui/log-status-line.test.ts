import {test} from 'node:test';
import assert from 'node:assert/strict';
import {statusParts, type LogStatus} from '../../source/views/logs/LogStatusLine.js';

const live: LogStatus = {
	container: 'init-failed-test', kind: 'init I3', previous: false, instance: 5, state: 'CrashLoopBackOff after Error',
	lines: 12, dropped: 0, follow: true, wrap: false, timestamps: false, range: 'tail',
};
const text = (status: LogStatus, width = 200) => statusParts(status, width).map(part => part.text).join('');

test('the live log says Follow or Paused after its instance', () => {
	assert.equal(text(live), 'init-failed-test (init I3) #5 · CrashLoopBackOff after Error · 12 lines · Follow · tail · Wrap:Off');
	assert.equal(text({...live, follow: false}), 'init-failed-test (init I3) #5 · CrashLoopBackOff after Error · 12 lines · Paused · tail · Wrap:Off');
});

test('the previous instance says Previous #n, never Follow or Paused; autoscroll shows apart once off', () => {
	const previous: LogStatus = {...live, previous: true, instance: 4, state: 'exit 127 (Error)'};
	assert.equal(text(previous), 'init-failed-test (init I3) · exit 127 (Error) · 12 lines · Previous #4 · tail · Wrap:Off');
	assert.equal(text({...previous, follow: false}), 'init-failed-test (init I3) · exit 127 (Error) · 12 lines · Previous #4 · tail · Autoscroll:Off · Wrap:Off');
	assert.equal(text({...previous, instance: undefined, state: 'error'}), 'init-failed-test (init I3) · error · 12 lines · Previous · tail · Wrap:Off');
	// Narrow: Previous #n and the filter stay, the lesser parts go first.
	const narrow = text({...previous, follow: false, filter: 'hello', matches: 3}, 60);
	assert.equal(narrow, 'init-failed-test · exit 127 (Error) · Previous #4 · Filter:/hello/ 3 shown');
	assert.doesNotMatch(narrow, /Follow|Paused/);
});
