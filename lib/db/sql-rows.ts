// Plain INSERT and UPDATE statements for writes whose statements are all known up front, in the
// form Prisma's driver adapters take (SQL with `?` placeholders, arguments and their types), so the
// libsql adapter binds them exactly as it binds Prisma's own: dates become the ISO 8601 text Prisma
// stores, JSON columns the JSON text. Used by lib/db/queries/messages.ts for the chat turn's writes
// on SQLite (PrismaSqliteThread.writeTransaction).
import type { ArgType, SqlQuery } from "@prisma/driver-adapter-utils";

/**
 * A column's value. In an INSERT `undefined` is NULL (every row lists the same columns, so give
 * columns with a default their value); in an UPDATE's SET an `undefined` column is left as it is,
 * as Prisma leaves a field missing from `data`.
 */
export type ColumnValue = string | number | boolean | Date | null | undefined | object;
export type Row = Record<string, ColumnValue>;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function quote(name: string): string {
  // Table and column names come from this code, never from a request; anything else is a bug.
  if (!IDENTIFIER.test(name)) throw new Error(`sql-rows: not a plain identifier: ${name}`);
  return `"${name}"`;
}

function bind(value: ColumnValue, json: boolean): [unknown, ArgType] {
  const type = (scalarType: ArgType["scalarType"]): ArgType => ({ scalarType, arity: "scalar" });
  if (value === undefined || value === null) return [null, type("unknown")];
  if (json) return [JSON.stringify(value), type("json")];
  if (value instanceof Date) return [value, type("datetime")];
  switch (typeof value) {
    case "string":
      return [value, type("string")];
    case "boolean":
      return [value, type("boolean")];
    case "number":
      return [value, type(Number.isInteger(value) ? "int" : "float")];
    default:
      throw new Error(`sql-rows: a ${typeof value === "object" ? "object" : typeof value} value needs a JSON column or is not supported`);
  }
}

function statement(sql: string, values: Array<[ColumnValue, boolean]>): SqlQuery {
  const bound = values.map(([value, json]) => bind(value, json));
  return { sql, args: bound.map(([arg]) => arg), argTypes: bound.map(([, argType]) => argType) };
}

/** One INSERT of every row (all rows have the same columns); `json` names the JSON columns. */
export function insertRows(table: string, rows: Row[], { json = [] }: { json?: string[] } = {}): SqlQuery {
  const columns = Object.keys(rows[0] ?? {});
  if (columns.length === 0) throw new Error("sql-rows: nothing to insert");
  for (const row of rows) {
    const keys = Object.keys(row);
    if (keys.length !== columns.length || keys.some((k) => !columns.includes(k))) throw new Error("sql-rows: rows with different columns");
  }
  const placeholders = `(${columns.map(() => "?").join(", ")})`;
  return statement(
    `INSERT INTO ${quote(table)} (${columns.map(quote).join(", ")}) VALUES ${rows.map(() => placeholders).join(", ")}`,
    rows.flatMap((row) => columns.map((c): [ColumnValue, boolean] => [row[c], json.includes(c)])),
  );
}

/** UPDATE `table` SET `set` WHERE every column of `where` equals its value. */
export function updateRows(table: string, set: Row, where: Row, { json = [] }: { json?: string[] } = {}): SqlQuery {
  const columns = Object.keys(set).filter((c) => set[c] !== undefined);
  const keys = Object.keys(where);
  if (columns.length === 0 || keys.length === 0) throw new Error("sql-rows: an UPDATE needs columns and a condition");
  // `= NULL` matches nothing: a condition on NULL is a bug here, not an UPDATE of no rows.
  if (keys.some((k) => where[k] === null || where[k] === undefined)) throw new Error("sql-rows: a condition on NULL");
  return statement(
    `UPDATE ${quote(table)} SET ${columns.map((c) => `${quote(c)} = ?`).join(", ")} WHERE ${keys.map((k) => `${quote(k)} = ?`).join(" AND ")}`,
    [...columns.map((c): [ColumnValue, boolean] => [set[c], json.includes(c)]), ...keys.map((k): [ColumnValue, boolean] => [where[k], false])],
  );
}
