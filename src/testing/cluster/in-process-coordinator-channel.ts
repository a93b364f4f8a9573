/**
 * A coordinator worker double for component tests (docs/architecture.md, "Testing"): the job's split
 * enumerators run in-process, from Source objects the test gives, through the same CoordinatorRuntime
 * as the real worker thread. Messages are copied and delivered on later turns, in order, as over a
 * worker's port, so a JobMaster on a ManualClock sees what it would see with the real thread.
 */
import type { Source } from "../../api/source.js";
import { CoordinatorRuntime } from "../../runtime/coordination/coordinator-runtime.js";
import type { CoordinatorChannelFactory } from "../../cluster/jobmaster/source-coordinators.js";

/** `sources`: the job's sources by stream node id (what evaluating its bundle would give). */
export function inProcessCoordinatorChannel(sources: ReadonlyMap<number, Source<unknown>>): CoordinatorChannelFactory {
  return (handlers) => {
    let closed = false;
    const runtime = new CoordinatorRuntime(
      (m) => {
        const copy = structuredClone(m);
        setImmediate(() => closed || handlers.onMessage(copy));
      },
      async () => (nodeId) => sources.get(nodeId),
    );
    setImmediate(() => closed || handlers.onMessage({ type: "bound" }));
    return {
      post: (m) => {
        const copy = structuredClone(m);
        setImmediate(() => closed || runtime.handle(copy));
      },
      terminate: async () => {
        closed = true;
      },
    };
  };
}
