/**
 * SQL text that cannot be parameterized: identifiers (table, columns) and the global transaction id
 * of PREPARE TRANSACTION / COMMIT PREPARED / ROLLBACK PREPARED, which PostgreSQL only takes as a
 * string literal. Everything here quotes, never interpolates raw.
 */
import { escapeIdentifier, escapeLiteral } from "pg";
/** PostgreSQL's GIDSIZE: a global transaction id is at most 200 bytes. */
export const MAX_GID_BYTES = 200;
/** Postgres also limits the number of bind parameters per statement (a 16-bit count). */
export const MAX_BIND_PARAMETERS = 65_535;
export function quoteIdentifier(identifier) {
    if (identifier.length === 0)
        throw new Error("an SQL identifier cannot be empty");
    if (identifier.includes("\0"))
        throw new Error(`an SQL identifier cannot contain NUL: ${JSON.stringify(identifier)}`);
    return escapeIdentifier(identifier);
}
export function quoteTableName(table) {
    const name = quoteIdentifier(table.name);
    return table.schema === undefined ? name : `${quoteIdentifier(table.schema)}.${name}`;
}
/** The gid as an SQL string literal, after checking it fits PostgreSQL's limit. */
export function gidLiteral(gid) {
    if (gid.length === 0)
        throw new Error("a global transaction id cannot be empty");
    if (gid.includes("\0"))
        throw new Error(`a global transaction id cannot contain NUL: ${JSON.stringify(gid)}`);
    const bytes = Buffer.byteLength(gid, "utf8");
    if (bytes >= MAX_GID_BYTES) {
        throw new Error(`global transaction id is ${bytes} bytes, PostgreSQL allows fewer than ${MAX_GID_BYTES}: ${gid}`);
    }
    return escapeLiteral(gid);
}
/**
 * `INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4), …` for `rowCount` rows. Callers keep
 * rowCount × columns within MAX_BIND_PARAMETERS (see maxRowsPerStatement).
 */
export function insertStatement(quotedTable, quotedColumns, rowCount) {
    const width = quotedColumns.length;
    const tuples = new Array(rowCount);
    for (let r = 0; r < rowCount; r++) {
        const placeholders = new Array(width);
        for (let c = 0; c < width; c++)
            placeholders[c] = `$${r * width + c + 1}`;
        tuples[r] = `(${placeholders.join(", ")})`;
    }
    return `INSERT INTO ${quotedTable} (${quotedColumns.join(", ")}) VALUES ${tuples.join(", ")}`;
}
export function maxRowsPerStatement(columnCount, preferredRows) {
    return Math.max(1, Math.min(preferredRows, Math.floor(MAX_BIND_PARAMETERS / columnCount)));
}
//# sourceMappingURL=sql-text.js.map