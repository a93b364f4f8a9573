export { PostgresTransactionalWriter, type PostgresTransactionalWriterOptions, type PreparedTransaction, type RecoveryResult, } from "./transactional-writer.js";
export { quoteIdentifier, quoteTableName, type TableName } from "./sql-text.js";
export { PostgresSink, type PostgresSinkOptions, type PostgresTransaction } from "./postgres-sink.js";
