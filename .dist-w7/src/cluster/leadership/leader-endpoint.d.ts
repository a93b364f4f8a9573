/**
 * An RPC endpoint that a JobManager serves for as long as it runs, leader or not, and that forwards
 * each call to the component of the current leadership term.
 *
 * Serving the endpoint once (rather than per term) is what makes stale calls fail the right way: a
 * caller holding an old leader session id always reaches an endpoint, which rejects it with
 * FencingTokenMismatchError — whether this JobManager is a standby now or leads a newer term. Between
 * terms the endpoint has no fencing token at all, so every call is rejected.
 */
import type { RpcService, ServedEndpoint } from "../rpc/interface.js";
export interface LeaderTermComponent<T extends object> {
    /** The term's leader session id: the fencing token callers must present. */
    readonly sessionId: string;
    readonly impl: T;
}
export declare function serveLeaderEndpoint<T extends object>(rpc: RpcService, name: string, current: () => LeaderTermComponent<T> | undefined): ServedEndpoint;
