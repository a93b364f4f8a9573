/**
 * What the Dispatcher refuses, as classes (docs/architecture.md, "Failures"): the REST layer maps
 * them to HTTP statuses by class, and they keep their class across RPC through the error registry.
 */
import { SluiceError, registerErrorClass } from "../../errors/sluice-error.js";

/** The submission itself is unusable (bad settings, unreadable savepoint, corrupt bundle): the client's fault. */
export class JobSubmissionError extends SluiceError {}
registerErrorClass(JobSubmissionError);

/** A job of this id exists already (running, or ended and recorded in the job result store). */
export class DuplicateJobSubmissionError extends JobSubmissionError {}
registerErrorClass(DuplicateJobSubmissionError);

/** The Dispatcher knows no job of this id. */
export class UnknownJobError extends SluiceError {}
registerErrorClass(UnknownJobError);

/** The Dispatcher's term ended (leadership lost) while it handled the request: submit again to the new leader. */
export class DispatcherNotLeadingError extends SluiceError {}
registerErrorClass(DispatcherNotLeadingError);

/** DELETE /cluster on a cluster whose lifetime its embedding program owns (the MiniCluster). */
export class ClusterShutdownRefusedError extends SluiceError {}
registerErrorClass(ClusterShutdownRefusedError);
