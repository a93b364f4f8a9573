export { PostgresTransactionalWriter, } from "./transactional-writer.js";
export { quoteIdentifier, quoteTableName } from "./sql-text.js";
export { PostgresSink } from "./postgres-sink.js";
//# sourceMappingURL=index.js.map