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

export function serveLeaderEndpoint<T extends object>(
  rpc: RpcService,
  name: string,
  current: () => LeaderTermComponent<T> | undefined,
): ServedEndpoint {
  const facade = new Proxy(
    {},
    {
      get(_target, property) {
        if (typeof property !== "string") return undefined;
        const term = current();
        // Without a term the fencing check rejects the call before it runs; the method only has to
        // look callable so that the check is reached (instead of "no such method").
        if (!term) return notLeading;
        const method: unknown = (term.impl as Record<string, unknown>)[property];
        return typeof method === "function" ? (...args: unknown[]) => method.apply(term.impl, args) : undefined;
      },
    },
  );
  return rpc.serve(name, facade, { fencingToken: () => current()?.sessionId });
}

function notLeading(): never {
  throw new Error("not leading");
}
