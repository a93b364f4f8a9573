/** Where local recovery says what it did: the worker's stderr, which its TaskManager's log receives. */
import { formatLogRecord, Logger } from "../../../util/logger.js";

export const localRecoveryLog = new Logger((record) => process.stderr.write(`${formatLogRecord(record)}\n`), "LocalRecovery");
