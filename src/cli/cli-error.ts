/** A usage error: printed without a stack, exit code 2. */
import { SluiceError, registerErrorClass } from "../errors/sluice-error.js";

export class CliError extends SluiceError {}
registerErrorClass(CliError);
