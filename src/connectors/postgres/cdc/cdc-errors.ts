/** Errors of the PostgreSQL CDC source (docs/connectors.md, "PostgreSQL CDC"); no pg import, so "sluice" can export them. */
import { SluiceError, registerErrorClass } from "../../../errors/sluice-error.js";

/** The CDC source cannot work against this server as configured (wal_level, slot, publication, tables). */
export class PostgresCdcError extends SluiceError {}
registerErrorClass(PostgresCdcError);
