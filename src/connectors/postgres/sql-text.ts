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

export interface TableName {
  /** Omitted: resolved through the connection's search_path. */
  schema?: string;
  name: string;
}

export function quoteIdentifier(identifier: string): string {
  if (identifier.length === 0) throw new Error("an SQL identifier cannot be empty");
  if (identifier.includes("\0")) throw new Error(`an SQL identifier cannot contain NUL: ${JSON.stringify(identifier)}`);
  return escapeIdentifier(identifier);
}

export function quoteTableName(table: TableName): string {
  const name = quoteIdentifier(table.name);
  return table.schema === undefined ? name : `${quoteIdentifier(table.schema)}.${name}`;
}

/** The gid as an SQL string literal, after checking it fits PostgreSQL's limit. */
export function gidLiteral(gid: string): string {
  if (gid.length === 0) throw new Error("a global transaction id cannot be empty");
  if (gid.includes("\0")) throw new Error(`a global transaction id cannot contain NUL: ${JSON.stringify(gid)}`);
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
export function insertStatement(quotedTable: string, quotedColumns: readonly string[], rowCount: number): string {
  const width = quotedColumns.length;
  const tuples: string[] = new Array<string>(rowCount);
  for (let r = 0; r < rowCount; r++) {
    const placeholders: string[] = new Array<string>(width);
    for (let c = 0; c < width; c++) placeholders[c] = `$${r * width + c + 1}`;
    tuples[r] = `(${placeholders.join(", ")})`;
  }
  return `INSERT INTO ${quotedTable} (${quotedColumns.join(", ")}) VALUES ${tuples.join(", ")}`;
}

export function maxRowsPerStatement(columnCount: number, preferredRows: number): number {
  return Math.max(1, Math.min(preferredRows, Math.floor(MAX_BIND_PARAMETERS / columnCount)));
}

/**
 * The ON CONFLICT clause of an upsert: the key's row takes the new values of the other columns
 * (or stays as it is when every column is part of the key).
 */
export function upsertClause(quotedColumns: readonly string[], quotedKey: readonly string[]): string {
  const others = quotedColumns.filter((c) => !quotedKey.includes(c));
  const action = others.length === 0 ? "DO NOTHING" : `DO UPDATE SET ${others.map((c) => `${c} = EXCLUDED.${c}`).join(", ")}`;
  return ` ON CONFLICT (${quotedKey.join(", ")}) ${action}`;
}

/** `DELETE FROM t WHERE (k1, k2) IN (($1, $2), …)` for `keyCount` keys. */
export function deleteStatement(quotedTable: string, quotedKey: readonly string[], keyCount: number): string {
  const width = quotedKey.length;
  const tuples: string[] = new Array<string>(keyCount);
  for (let r = 0; r < keyCount; r++) {
    const placeholders: string[] = new Array<string>(width);
    for (let c = 0; c < width; c++) placeholders[c] = `$${r * width + c + 1}`;
    tuples[r] = `(${placeholders.join(", ")})`;
  }
  return `DELETE FROM ${quotedTable} WHERE (${quotedKey.join(", ")}) IN (${tuples.join(", ")})`;
}
