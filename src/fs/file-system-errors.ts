import { SluiceError, registerErrorClass } from "../errors/sluice-error.js";

export { registerErrorClass };

/** A file system failed or refused a call; the message names the URI and, where it helps, the setting to fix. */
export class FileSystemError extends SluiceError {}
registerErrorClass(FileSystemError);

/** The file does not exist. */
export class FileNotFoundError extends FileSystemError {}
registerErrorClass(FileNotFoundError);
