/**
 * How the data plane fails a task (docs/architecture.md, "Data plane"). Both end the attempt: the
 * JobMaster's failover restarts the job on the remaining TaskManagers.
 */
import { SluiceError, registerErrorClass } from "../../errors/sluice-error.js";

/**
 * A frame of this task could not be sent (e.g. a serialized record larger than
 * taskmanager.network.max-frame-bytes): the channel is broken for good.
 */
export class DataTransportError extends SluiceError {}
registerErrorClass(DataTransportError);

/** The data connection to a TaskManager this task exchanges data with was lost (it died, or sent garbage). */
export class RemoteTransportError extends SluiceError {}
registerErrorClass(RemoteTransportError);
