/**
 * Expression nodes -> Spark Connect expressions. Function calls pass Spark's names through
 * (as PySpark's Connect client sends them); the few names tributary spells differently are
 * mapped here.
 */

import type { MessageInitShape } from "@bufbuild/protobuf";
import type { FrameBound } from "../../../plan/expression/window.js";
import { assertNever, type ExprNode } from "../../../plan/node.js";
import {
  Expression_Cast_EvalMode,
  Expression_SortOrder_NullOrdering,
  Expression_SortOrder_SortDirection,
  type Expression_SortOrderSchema,
  type Expression_Window_WindowFrame_FrameBoundarySchema,
  Expression_Window_WindowFrame_FrameType,
  type ExpressionSchema,
} from "../../../proto/gen/spark/connect/expressions_pb.js";
import { toProtoDataType } from "../type-mapper.js";
import { frameInterval } from "./frame-interval.js";
import { sparkFunctionName } from "./function-names.js";
import { literalInit } from "./literals.js";

export type ExpressionInit = MessageInitShape<typeof ExpressionSchema>;

function call(name: string, args: ExpressionInit[], distinct = false): ExpressionInit {
  return {
    exprType: {
      case: "unresolvedFunction",
      value: { functionName: name, arguments: args, isDistinct: distinct },
    },
  };
}

function bound(
  b: FrameBound,
): MessageInitShape<typeof Expression_Window_WindowFrame_FrameBoundarySchema> {
  switch (b.type) {
    case "currentRow":
      return { boundary: { case: "currentRow", value: true } };
    case "unboundedPreceding":
    case "unboundedFollowing":
      return { boundary: { case: "unbounded", value: true } };
    case "offset":
      return {
        boundary: {
          case: "value",
          value: {
            exprType: {
              case: "literal",
              value: { literalType: { case: "integer", value: b.value } },
            },
          },
        },
      };
    case "value": {
      const interval = frameInterval(b.expr, b.preceding);
      if (interval?.case === "days") {
        const days: ExpressionInit = {
          exprType: {
            case: "literal",
            value: { literalType: { case: "string", value: String(interval.value) } },
          },
        };
        const asDays: ExpressionInit = {
          exprType: {
            case: "cast",
            value: { expr: days, castToType: { case: "typeStr", value: "interval day" } },
          },
        };
        return { boundary: { case: "value", value: asDays } };
      }
      if (interval !== undefined)
        return {
          boundary: {
            case: "value",
            value: { exprType: { case: "literal", value: { literalType: interval } } },
          },
        };
      // Spark's parser writes `x PRECEDING` as the negated offset, as rangeBetween(-x, ...).
      const value = compileExpression(b.expr);
      return {
        boundary: { case: "value", value: b.preceding ? call("negative", [value]) : value },
      };
    }
  }
}

export function compileExpression(e: ExprNode): ExpressionInit {
  switch (e.kind) {
    case "literal":
      return { exprType: { case: "literal", value: literalInit(e.value, e.dataType) } };
    case "column":
      return {
        exprType: {
          case: "unresolvedAttribute",
          value: {
            unparsedIdentifier: e.name,
            ...(e.planId === undefined ? {} : { planId: BigInt(e.planId) }),
          },
        },
      };
    case "star":
      return {
        exprType: {
          case: "unresolvedStar",
          value: e.target === undefined ? {} : { unparsedTarget: `${e.target}.*` },
        },
      };
    case "call": {
      const args = e.args.map(compileExpression);
      if (e.name === "!=") return call("not", [call("==", args)]);
      return call(sparkFunctionName(e.name), args, e.distinct);
    }
    case "alias":
      return {
        exprType: { case: "alias", value: { expr: compileExpression(e.expr), name: [e.name] } },
      };
    case "cast":
      return {
        exprType: {
          case: "cast",
          value: {
            expr: compileExpression(e.expr),
            castToType: { case: "type", value: toProtoDataType(e.to) },
            ...(e.tryCast ? { evalMode: Expression_Cast_EvalMode.TRY } : {}),
          },
        },
      };
    case "sortOrder":
      return { exprType: { case: "sortOrder", value: sortOrder(e) } };
    case "window":
      return {
        exprType: {
          case: "window",
          value: {
            windowFunction: compileExpression(e.fn),
            partitionSpec: e.partitionBy.map(compileExpression),
            orderSpec: e.orderBy.map(sortOrder),
            ...(e.frame === undefined
              ? {}
              : {
                  frameSpec: {
                    frameType:
                      e.frame.frameType === "rows"
                        ? Expression_Window_WindowFrame_FrameType.ROW
                        : Expression_Window_WindowFrame_FrameType.RANGE,
                    lower: bound(e.frame.lower),
                    upper: bound(e.frame.upper),
                  },
                }),
          },
        },
      };
    case "extract":
      return {
        exprType: {
          case: "unresolvedExtractValue",
          value: { child: compileExpression(e.expr), extraction: compileExpression(e.key) },
        },
      };
    case "lambda":
      return {
        exprType: {
          case: "lambdaFunction",
          value: {
            function: compileExpression(e.body),
            arguments: e.params.map((p) => ({ nameParts: [p] })),
          },
        },
      };
    case "lambdaVar":
      return {
        exprType: { case: "unresolvedNamedLambdaVariable", value: { nameParts: [e.name] } },
      };
    default:
      return assertNever(e, "expression");
  }
}

export function sortOrder(e: ExprNode): MessageInitShape<typeof Expression_SortOrderSchema> {
  if (e.kind !== "sortOrder") {
    return {
      child: compileExpression(e),
      direction: Expression_SortOrder_SortDirection.ASCENDING,
      nullOrdering: Expression_SortOrder_NullOrdering.SORT_NULLS_FIRST,
    };
  }
  return {
    child: compileExpression(e.expr),
    direction:
      e.direction === "asc"
        ? Expression_SortOrder_SortDirection.ASCENDING
        : Expression_SortOrder_SortDirection.DESCENDING,
    nullOrdering:
      e.nulls === "first"
        ? Expression_SortOrder_NullOrdering.SORT_NULLS_FIRST
        : Expression_SortOrder_NullOrdering.SORT_NULLS_LAST,
  };
}
