export {
  PostgresTransactionalWriter,
  type PostgresTransactionalWriterOptions,
  type PreparedTransaction,
  type RecoveryResult,
} from "./transactional-writer.js";
export { quoteIdentifier, quoteTableName, type TableName } from "./sql-text.js";
export { PostgresSink, type PostgresSinkOptions, type PostgresTransaction } from "./postgres-sink.js";
export { PostgresCdcSource, PostgresCdcSourceBuilder, type PostgresCdcOptions } from "./cdc/postgres-cdc-source.js";
export type { ChangeOp, ChangeRecord, ChangeSource, CdcSplit } from "./cdc/change-record.js";
export { PostgresCdcError } from "./cdc/cdc-errors.js";
