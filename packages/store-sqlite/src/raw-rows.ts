import type Database from 'better-sqlite3';

type Statement = Database.Statement<unknown[], unknown>;
type RowBuilder = (values: readonly unknown[]) => Record<string, unknown>;

const builders = new WeakMap<Statement, RowBuilder>();

/**
 * A function building one row object from its values, as an object literal
 * with the statement's column names: every row then shares one hidden class
 * and is built in one step. Column names come from SQLite's description of
 * the prepared statement (the schema), never from user input, and are
 * JSON-quoted into the literal.
 */
function rowBuilder(statement: Statement): RowBuilder {
  const fields = statement
    .columns()
    .map((column, index) => `${JSON.stringify(column.name)}: values[${index}]`);
  return new Function('values', `return { ${fields.join(', ')} };`) as RowBuilder;
}

/**
 * Runs `statement` (prepared with `.raw()`) and returns each row as an object
 * keyed by column name: the same objects `.all()` returns without `.raw()`,
 * at about half the cost (better-sqlite3 builds its objects one property at
 * a time in C++). Worth it on read paths that return dozens of wide rows per
 * fetch. A column name repeated in the select keeps its last value, as `.all()` does.
 */
export function allRows<Row>(statement: Statement, ...parameters: unknown[]): Row[] {
  let build = builders.get(statement);
  if (build === undefined) {
    build = rowBuilder(statement);
    builders.set(statement, build);
  }
  return (statement.all(...parameters) as unknown[][]).map(build as (values: unknown[]) => Row);
}
