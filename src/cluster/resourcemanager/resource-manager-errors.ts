/** Errors of the ResourceManager's gateway. */
import { SluiceError, registerErrorClass } from "../../errors/sluice-error.js";

/** A question about a TaskManager that is not (or no longer) registered. */
export class UnknownTaskManagerError extends SluiceError {}
registerErrorClass(UnknownTaskManagerError);
