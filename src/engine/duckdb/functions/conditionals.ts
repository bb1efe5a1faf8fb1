/**
 * Null handling and conditionals: `coalesce`, `nullif`, `nvl`, `nvl2`, `ifnull`, `nanvl`,
 * `if`.
 */
import { widerNumeric } from "./operators.js";
import { type FamilyTable, type FunctionDef, sqlOf } from "./types.js";

/** Spark's `if(cond, a, b)`: a null condition takes `b`. */
const ifFunction: FunctionDef = {
  minArgs: 3,
  maxArgs: 3,
  compile: (args) =>
    `CASE WHEN ${sqlOf(args, 0)} THEN ${sqlOf(args, 1)} ELSE ${sqlOf(args, 2)} END`,
  returnType: (args) =>
    widerNumeric(args[1]?.type, args[2]?.type) ?? args[1]?.type ?? args[2]?.type,
};

export const conditionalFunctions = {
  if: ifFunction,
  coalesce: {
    minArgs: 1,
    maxArgs: Number.POSITIVE_INFINITY,
    compile: (args) => `coalesce(${args.map((a) => a.sql).join(", ")})`,
    returnType: (args) =>
      args.reduce<ReturnType<typeof widerNumeric>>(
        (t, a) => widerNumeric(t, a.type) ?? t ?? a.type,
        undefined,
      ),
  },
  nullif: {
    minArgs: 2,
    maxArgs: 2,
    compile: (args) => `nullif(${sqlOf(args, 0)}, ${sqlOf(args, 1)})`,
    returnType: (args) => args[0]?.type,
  },
  nvl: {
    minArgs: 2,
    maxArgs: 2,
    compile: (args) => `coalesce(${sqlOf(args, 0)}, ${sqlOf(args, 1)})`,
    returnType: (args) => args[0]?.type,
  },
  ifnull: {
    minArgs: 2,
    maxArgs: 2,
    compile: (args) => `coalesce(${sqlOf(args, 0)}, ${sqlOf(args, 1)})`,
    returnType: (args) => args[0]?.type,
  },
  nvl2: {
    minArgs: 3,
    maxArgs: 3,
    compile: (args) =>
      `CASE WHEN ${sqlOf(args, 0)} IS NOT NULL THEN ${sqlOf(args, 1)} ELSE ${sqlOf(args, 2)} END`,
    returnType: (args) => args[1]?.type,
  },
  nanvl: {
    minArgs: 2,
    maxArgs: 2,
    compile: (args) =>
      `CASE WHEN isnan(CAST(${sqlOf(args, 0)} AS DOUBLE)) THEN ${sqlOf(args, 1)} ELSE ${sqlOf(args, 0)} END`,
    returnType: (args) => args[0]?.type,
  },
} satisfies FamilyTable;
