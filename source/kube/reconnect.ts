// The reconnect action, for the Ctrl-R key and `:reconnect`: every watch and log follower of the
// session tries again now and its back-off starts over (for when the user knows the server is
// back). Outside React, so whichever input layer binds the key calls this.
import type {ClusterSession} from './types.js';

/** Reconnects and returns the line to flash. */
export function reconnectNow(session: Pick<ClusterSession, 'reconnect'>): string {
	session.reconnect();
	return 'reconnecting now (back-off reset)';
}
