/**
 * The few places where the ZooKeeper client reaches into node-zookeeper-client's internals, each
 * for a gap in its API or a bug. Kept together so that a library upgrade has one file to check.
 */
import * as zookeeper from "node-zookeeper-client";
/** Reaches into the library for the one thing its API lacks: closing a socket to a silent server. */
export function destroySocket(zk) {
    zk.connectionManager?.socket?.destroy();
}
/**
 * The library's transaction builder writes `version || -1`, turning version 0 (a node never
 * modified) into -1 ("any version"); this restores the requested version of the op just added.
 */
export function fixLastTxnVersion(txn, version) {
    const ops = txn.ops;
    const last = ops?.[ops.length - 1];
    if (last)
        last.version = version;
}
/**
 * Closes a library client for good. A connected client closes its session politely (the server
 * deletes its ephemeral nodes), forcibly after `graceMs`. A client that is not connected must not
 * be closed through its API: it would send the close request on its next connection and then
 * misread the server's connect response as the reply (and throw). It is abandoned instead: marked
 * expired, so that it neither reconnects nor accepts requests, its socket closed, and the requests
 * still queued in it failed at once rather than at their deadline.
 */
export function closeLibraryClient(zk, graceMs) {
    if (zk.getState() !== zookeeper.State.SYNC_CONNECTED) {
        abandon(zk);
        return Promise.resolve();
    }
    return new Promise((resolve) => {
        const timer = setTimeout(() => {
            abandon(zk);
            resolve();
        }, graceMs);
        zk.once("disconnected", () => {
            clearTimeout(timer);
            resolve();
        });
        zk.close();
    });
}
/** The library's ConnectionManager state for an expired session: no reconnect, no new requests. */
const LIBRARY_STATE_SESSION_EXPIRED = -3;
function abandon(zk) {
    const manager = zk.connectionManager;
    if (!manager)
        return;
    manager.setState?.(LIBRARY_STATE_SESSION_EXPIRED);
    manager.socket?.destroy();
    // The library's own exception type: its callbacks call getCode() on errors.
    const expired = () => zookeeper.Exception.create(zookeeper.Exception.SESSION_EXPIRED);
    for (let packet = manager.packetQueue?.shift(); packet; packet = manager.packetQueue?.shift()) {
        packet.callback?.(expired());
    }
}
//# sourceMappingURL=library-workarounds.js.map