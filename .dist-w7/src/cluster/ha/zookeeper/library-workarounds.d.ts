/**
 * The few places where the ZooKeeper client reaches into node-zookeeper-client's internals, each
 * for a gap in its API or a bug. Kept together so that a library upgrade has one file to check.
 */
import * as zookeeper from "node-zookeeper-client";
/** Reaches into the library for the one thing its API lacks: closing a socket to a silent server. */
export declare function destroySocket(zk: zookeeper.Client): void;
/**
 * The library's transaction builder writes `version || -1`, turning version 0 (a node never
 * modified) into -1 ("any version"); this restores the requested version of the op just added.
 */
export declare function fixLastTxnVersion(txn: zookeeper.Transaction, version: number): void;
/**
 * Closes a library client for good. A connected client closes its session politely (the server
 * deletes its ephemeral nodes), forcibly after `graceMs`. A client that is not connected must not
 * be closed through its API: it would send the close request on its next connection and then
 * misread the server's connect response as the reply (and throw). It is abandoned instead: marked
 * expired, so that it neither reconnects nor accepts requests, its socket closed, and the requests
 * still queued in it failed at once rather than at their deadline.
 */
export declare function closeLibraryClient(zk: zookeeper.Client, graceMs: number): Promise<void>;
