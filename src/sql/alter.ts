/**
 * `ALTER TABLE t <action>`: one parser per action word, so another action (SET TBLPROPERTIES,
 * ADD COLUMNS...) is one more entry in ACTIONS. Today: delta-spark's `ADD CONSTRAINT name
 * CHECK (expr)` and `DROP CONSTRAINT [IF EXISTS] name`.
 */
import type { Token } from "../types/sql-lexer.js";
import { keywordOf } from "../types/token-cursor.js";
import { type QueryContext, refuse } from "./context.js";
import { parenthesizedText as parenthesized } from "./ddl.js";
import { parseTableTarget } from "./table-target.js";

export type AlterCommand =
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

type ActionParser = (ctx: QueryContext, path: string, action: Token) => AlterCommand;

function addAction(ctx: QueryContext, path: string, action: Token): AlterCommand {
  const { c } = ctx;
  if (!c.acceptWord("CONSTRAINT"))
    refuse(
      ctx,
      action,
      `ALTER TABLE ... ADD ${c.peek().text.toUpperCase()}`,
      "spark.sql alters tables with ADD CONSTRAINT name CHECK (expr) and DROP CONSTRAINT name.",
    );
  const name = c.identifier("a constraint name").name;
  c.expectWord("CHECK", "Write ADD CONSTRAINT name CHECK (expr).");
  return { kind: "addConstraint", path, name, expr: parenthesized(ctx) };
}

function dropAction(ctx: QueryContext, path: string, action: Token): AlterCommand {
  const { c } = ctx;
  if (!c.acceptWord("CONSTRAINT"))
    refuse(
      ctx,
      action,
      `ALTER TABLE ... DROP ${c.peek().text.toUpperCase()}`,
      "spark.sql alters tables with ADD CONSTRAINT name CHECK (expr) and DROP CONSTRAINT name.",
    );
  const ifExists = c.isWord("IF") && c.isWord("EXISTS", 1);
  if (ifExists) {
    c.next();
    c.next();
  }
  return { kind: "dropConstraint", path, name: c.identifier("a constraint name").name, ifExists };
}

const ACTIONS: Readonly<Record<string, ActionParser>> = {
  ADD: addAction,
  DROP: dropAction,
};

/** Parses an ALTER TABLE statement, the cursor after ALTER. */
export function parseAlter(ctx: QueryContext): AlterCommand {
  const { c } = ctx;
  c.expectWord("TABLE", "spark.sql alters tables: ALTER TABLE t ...");
  const { path } = parseTableTarget(ctx, true);
  const action = c.next();
  const parser = ACTIONS[keywordOf(action)];
  if (parser === undefined)
    return refuse(
      ctx,
      action,
      `ALTER TABLE ... ${action.text.toUpperCase()}`,
      "spark.sql alters tables with ADD CONSTRAINT name CHECK (expr) and DROP CONSTRAINT name.",
    );
  return parser(ctx, path, action);
}
