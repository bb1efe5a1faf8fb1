/**
 * `ALTER TABLE delta.`/path` ...` in Spark SQL, as delta-spark takes it: SET / UNSET
 * TBLPROPERTIES, ADD COLUMN[S], RENAME COLUMN, DROP COLUMN[S], ALTER | CHANGE COLUMN (COMMENT,
 * DROP NOT NULL), ADD / DROP CONSTRAINT. Parsed into the DeltaTable API's changes; the
 * session runs them through the same operations.
 */
import { joinPath } from "../delta/schema/alter.js";
import type { ParseContext } from "../sql-expr/context.js";
import type { AlterTable } from "../table/backend.js";
import { parseFieldAt } from "../types/type-parser.js";

export type AlterCommand =
  | { readonly kind: "alter"; readonly path: string; readonly change: AlterTable }
  | {
      readonly kind: "addConstraint";
      readonly path: string;
      readonly name: string;
      readonly expr: string;
    }
  | {
      readonly kind: "dropConstraint";
      readonly path: string;
      readonly name: string;
      readonly ifExists: boolean;
    };

export interface AlterHelpers {
  readonly deltaPath: (ctx: ParseContext) => string;
  readonly exprText: (ctx: ParseContext) => string;
}

/** A dotted column path (`s.a`, `` `a.b`.c ``) as path text. */
function columnPath(ctx: ParseContext): string {
  const parts = [ctx.c.identifier("a column name").name];
  while (ctx.c.acceptOp(".")) parts.push(ctx.c.identifier("a field name").name);
  return joinPath(parts);
}

/** `(a, b)` or, without parentheses, a single item or a comma list to the end. */
function list<T>(ctx: ParseContext, item: () => T): T[] {
  const { c } = ctx;
  const paren = c.acceptOp("(");
  const out: T[] = [];
  do out.push(item());
  while (c.acceptOp(","));
  if (paren) c.expectOp(")");
  return out;
}

/** A property key: a string, or a dotted name (`delta.appendOnly`). */
function propertyKey(ctx: ParseContext): string {
  const { c } = ctx;
  if (c.peek().kind === "string") return c.next().value;
  const parts = [c.identifier("a property key").name];
  while (c.acceptOp(".")) parts.push(c.identifier("a property key").name);
  return parts.join(".");
}

function propertyValue(ctx: ParseContext): string {
  const t = ctx.c.next();
  if (t.kind === "string") return t.value;
  if (t.kind === "number" || (t.kind === "word" && /^(true|false)$/i.test(t.text))) return t.text;
  return ctx.c.fail("a property value (a string, number or boolean)", undefined, t);
}

function setProperties(ctx: ParseContext): Record<string, string> {
  const { c } = ctx;
  c.expectOp("(");
  const out: Record<string, string> = {};
  do {
    const key = propertyKey(ctx);
    c.acceptOp("=");
    out[key] = propertyValue(ctx);
  } while (c.acceptOp(","));
  c.expectOp(")");
  return out;
}

function ifExists(ctx: ParseContext): boolean {
  if (!ctx.c.acceptWord("IF")) return false;
  ctx.c.expectWord("EXISTS");
  return true;
}

function addColumn(ctx: ParseContext): {
  path: string;
  field: ReturnType<typeof parseFieldAt>["field"];
} {
  const { c } = ctx;
  const prefix: string[] = [];
  // Parent parts of a nested path (`s.b INT`): the last part is the field's own name.
  while ((c.peek().kind === "word" || c.peek().kind === "quoted") && c.isOp(".", 1)) {
    prefix.push(c.identifier("a column name").name);
    c.next();
  }
  const { field } = parseFieldAt(c, true);
  return { path: joinPath([...prefix, field.name]), field };
}

function alterColumn(ctx: ParseContext): AlterTable {
  const { c } = ctx;
  const column = columnPath(ctx);
  if (c.acceptWord("COMMENT")) {
    const t = c.next();
    if (t.kind !== "string") return c.fail("a quoted comment string", undefined, t);
    return { kind: "alterColumn", column, comment: t.value };
  }
  if (c.acceptWord("DROP")) {
    c.expectWord("NOT");
    c.expectWord("NULL");
    return { kind: "alterColumn", column, nullable: true };
  }
  return c.failAt(
    c.peek(),
    "UNSUPPORTED_SQL_SYNTAX",
    "ALTER COLUMN supports COMMENT '...' and DROP NOT NULL (delta-spark cannot make a nullable column NOT NULL)",
    "Add a CHECK constraint (c IS NOT NULL) instead of SET NOT NULL.",
  );
}

/** Parses what follows `ALTER`. */
export function parseAlter(ctx: ParseContext, helpers: AlterHelpers): AlterCommand {
  const { c } = ctx;
  c.expectWord("TABLE");
  const path = helpers.deltaPath(ctx);
  const alter = (change: AlterTable): AlterCommand => ({ kind: "alter", path, change });
  if (c.acceptWord("SET")) {
    c.expectWord("TBLPROPERTIES", "Write ALTER TABLE t SET TBLPROPERTIES ('key' = 'value').");
    return alter({ kind: "setProperties", properties: setProperties(ctx) });
  }
  if (c.acceptWord("UNSET")) {
    c.expectWord("TBLPROPERTIES");
    const exists = ifExists(ctx);
    c.expectOp("(");
    const keys: string[] = [];
    do keys.push(propertyKey(ctx));
    while (c.acceptOp(","));
    c.expectOp(")");
    return alter({ kind: "unsetProperties", keys, ifExists: exists });
  }
  if (c.acceptWord("ADD")) {
    if (c.acceptWord("CONSTRAINT")) {
      const name = c.identifier("a constraint name").name;
      c.expectWord("CHECK");
      c.expectOp("(");
      const expr = helpers.exprText(ctx);
      c.expectOp(")");
      return { kind: "addConstraint", path, name, expr };
    }
    if (!c.acceptWord("COLUMNS"))
      c.expectWord("COLUMN", "Write ALTER TABLE t ADD COLUMNS (c INT).");
    return alter({ kind: "addColumns", columns: list(ctx, () => addColumn(ctx)) });
  }
  if (c.isWord("RENAME") && c.isWord("TO", 1))
    return c.failAt(
      c.peek(),
      "UNSUPPORTED_SQL_SYNTAX",
      "ALTER TABLE ... RENAME TO is not supported by spark.sql yet",
      "A Delta table is its directory: move it, or CREATE TABLE new AS SELECT * FROM old.",
    );
  if (c.acceptWord("RENAME")) {
    c.expectWord("COLUMN", "Write ALTER TABLE t RENAME COLUMN a TO b.");
    const from = columnPath(ctx);
    c.expectWord("TO");
    return alter({ kind: "renameColumn", from, to: c.identifier("the new column name").name });
  }
  if (c.acceptWord("DROP")) {
    if (c.acceptWord("CONSTRAINT")) {
      const exists = ifExists(ctx);
      return {
        kind: "dropConstraint",
        path,
        name: c.identifier("a constraint name").name,
        ifExists: exists,
      };
    }
    if (!c.acceptWord("COLUMNS")) c.expectWord("COLUMN", "Write ALTER TABLE t DROP COLUMN c.");
    return alter({ kind: "dropColumns", columns: list(ctx, () => columnPath(ctx)) });
  }
  if (c.acceptWord("ALTER") || c.acceptWord("CHANGE")) {
    c.acceptWord("COLUMN");
    return alter(alterColumn(ctx));
  }
  return c.fail("SET, UNSET, ADD, RENAME, DROP or ALTER after ALTER TABLE t");
}
