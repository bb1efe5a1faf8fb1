/**
 * Relation nodes -> Spark Connect relations, every one carrying its `plan_id` (Spark Connect
 * resolves `df.col("x")` through it). The dispatch table is exhaustive over the kinds.
 */
import type { MessageInitShape } from "@bufbuild/protobuf";
import { UnsupportedOperationError } from "../../../errors.js";
import { AliasNode } from "../../../plan/expression/alias.js";
import { CallNode } from "../../../plan/expression/call.js";
import { StarNode } from "../../../plan/expression/star.js";
import type { RelationNode } from "../../../plan/node.js";
import type { JoinNode } from "../../../plan/relation/join.js";
import type { ReadNode } from "../../../plan/relation/read.js";
import {
  Aggregate_GroupType,
  Join_JoinType,
  type RelationSchema,
  SetOperation_SetOpType,
} from "../../../proto/gen/spark/connect/relations_pb.js";
import { LongType } from "../../../types/data-types.js";
import { compileExpression, sortOrder } from "./expressions.js";
import { literalInit } from "./literals.js";
import { localRelationSql } from "./local-relation.js";

export type RelationInit = MessageInitShape<typeof RelationSchema>;
type RelType = NonNullable<RelationInit["relType"]>;

const JOIN_TYPES: Readonly<Record<JoinNode["joinType"], Join_JoinType>> = {
  inner: Join_JoinType.INNER,
  left: Join_JoinType.LEFT_OUTER,
  right: Join_JoinType.RIGHT_OUTER,
  full: Join_JoinType.FULL_OUTER,
  left_semi: Join_JoinType.LEFT_SEMI,
  left_anti: Join_JoinType.LEFT_ANTI,
  cross: Join_JoinType.CROSS,
};

const GROUP_TYPES = {
  groupby: Aggregate_GroupType.GROUPBY,
  rollup: Aggregate_GroupType.ROLLUP,
  cube: Aggregate_GroupType.CUBE,
  grouping_sets: Aggregate_GroupType.GROUPING_SETS,
} as const;
const SET_OPS = {
  union: SetOperation_SetOpType.UNION,
  intersect: SetOperation_SetOpType.INTERSECT,
  except: SetOperation_SetOpType.EXCEPT,
} as const;

type Handler<K extends RelationNode["kind"]> = (
  node: Extract<RelationNode, { kind: K }>,
) => RelType;

function readRelation(n: ReadNode): RelType {
  return {
    case: "read",
    value: {
      isStreaming: n.streaming === true,
      readType: {
        case: "dataSource",
        value: {
          format: n.format,
          ...(n.schema === undefined ? {} : { schema: n.schema.json() }),
          options: { ...n.options },
          paths: [...n.paths],
        },
      },
    },
  };
}

const handlers: { [K in RelationNode["kind"]]: Handler<K> } = {
  read: (n) => {
    // delta-spark runs table operations itself; a kernel file scan never reaches Spark.
    if (n.deltaFiles !== undefined)
      throw new UnsupportedOperationError(
        "spark",
        "a Delta scan of chosen files",
        "The Spark engine reads whole Delta snapshots; scans of chosen files belong to the embedded engine's table operations.",
      );
    return readRelation(n);
  },
  localRelation: (n) => ({ case: "sql", value: { query: localRelationSql(n) } }),
  range: (n) => ({ case: "range", value: { start: n.start, end: n.end, step: n.step } }),
  sql: (n) => ({ case: "sql", value: { query: n.query } }),
  project: (n) => ({
    case: "project",
    value: { input: compileRelation(n.input), expressions: n.exprs.map(compileExpression) },
  }),
  filter: (n) => ({
    case: "filter",
    value: { input: compileRelation(n.input), condition: compileExpression(n.condition) },
  }),
  withColumns: (n) => ({
    case: "withColumns",
    value: {
      input: compileRelation(n.input),
      aliases: n.columns.map((a) => ({ expr: compileExpression(a.expr), name: [a.name] })),
    },
  }),
  withColumnsRenamed: (n) => ({
    case: "withColumnsRenamed",
    value: {
      input: compileRelation(n.input),
      renames: n.renames.map(([colName, newColName]) => ({ colName, newColName })),
    },
  }),
  drop: (n) => ({
    case: "drop",
    value: { input: compileRelation(n.input), columnNames: [...n.columns] },
  }),
  aggregate: (n) => ({
    case: "aggregate",
    value: {
      input: compileRelation(n.input),
      groupType: GROUP_TYPES[n.groupType],
      groupingExpressions: n.grouping.map(compileExpression),
      aggregateExpressions: n.aggregates.map(compileExpression),
      groupingSets: n.groupingSets.map((set) => ({
        groupingSet: set.map(compileExpression),
      })),
    },
  }),
  join: (n) => ({
    case: "join",
    value: {
      left: compileRelation(n.left),
      right: compileRelation(n.right),
      joinType: JOIN_TYPES[n.joinType],
      ...(n.condition === undefined ? {} : { joinCondition: compileExpression(n.condition) }),
      usingColumns: [...n.usingColumns],
    },
  }),
  sort: (n) => ({
    case: "sort",
    value: {
      input: compileRelation(n.input),
      order: n.orders.map(sortOrder),
      isGlobal: n.global,
    },
  }),
  limit: (n) => ({ case: "limit", value: { input: compileRelation(n.input), limit: n.limit } }),
  offset: (n) => ({ case: "offset", value: { input: compileRelation(n.input), offset: n.offset } }),
  deduplicate: (n) => ({
    case: "deduplicate",
    value:
      n.columns === undefined
        ? { input: compileRelation(n.input), allColumnsAsKeys: true }
        : { input: compileRelation(n.input), columnNames: [...n.columns] },
  }),
  setOp: (n) => ({
    case: "setOp",
    value: {
      leftInput: compileRelation(n.left),
      rightInput: compileRelation(n.right),
      setOpType: SET_OPS[n.op],
      isAll: n.isAll,
      byName: n.byName,
      allowMissingColumns: n.allowMissingColumns,
    },
  }),
  subqueryAlias: (n) => ({
    case: "subqueryAlias",
    value: { input: compileRelation(n.input), alias: n.alias },
  }),
  naFill: (n) => ({
    case: "fillNa",
    // Spark's NAFill takes long, double, string and boolean values only.
    value: {
      input: compileRelation(n.input),
      cols: [...(n.columns ?? [])],
      values: n.values.map((v) =>
        ["integer", "short", "byte"].includes(v.dataType.typeName)
          ? literalInit(v.value, LongType)
          : literalInit(v.value, v.dataType),
      ),
    },
  }),
  naDrop: (n) => ({
    case: "dropNa",
    value: {
      input: compileRelation(n.input),
      cols: [...(n.columns ?? [])],
      ...(n.minNonNulls === undefined ? {} : { minNonNulls: n.minNonNulls }),
    },
  }),
  toDF: (n) => ({
    case: "toDf",
    value: { input: compileRelation(n.input), columnNames: [...n.names] },
  }),
  sample: (n) => ({
    case: "sample",
    value: {
      input: compileRelation(n.input),
      lowerBound: 0,
      upperBound: n.fraction,
      withReplacement: n.withReplacement,
      ...(n.seed === undefined ? {} : { seed: BigInt(Math.trunc(n.seed)) }),
    },
  }),
  repartition: (n) =>
    n.mode === "roundRobin" || n.mode === "coalesce"
      ? {
          case: "repartition",
          value: {
            input: compileRelation(n.input),
            numPartitions: n.numPartitions ?? 1,
            shuffle: n.mode === "roundRobin",
          },
        }
      : {
          case: "repartitionByExpression",
          value: {
            input: compileRelation(n.input),
            partitionExprs: n.partitionExprs.map(compileExpression),
            ...(n.numPartitions === undefined ? {} : { numPartitions: n.numPartitions }),
          },
        },
  hint: (n) => ({
    case: "hint",
    value: {
      input: compileRelation(n.input),
      name: n.name,
      parameters: n.parameters.map(compileExpression),
    },
  }),
  naReplace: (n) => ({
    case: "replace",
    value: {
      input: compileRelation(n.input),
      cols: [...(n.columns ?? [])],
      replacements: n.replacements.map(([from, to]) => ({
        oldValue: literalInit(from.value, from.dataType),
        newValue: literalInit(to.value, to.dataType),
      })),
    },
  }),
  // Spark Connect has no ToJSON relation: PySpark's own client sends this projection.
  toJson: (n) => ({
    case: "project",
    value: {
      input: compileRelation(n.input),
      expressions: [
        compileExpression(
          AliasNode.create(
            CallNode.create("to_json", [CallNode.create("struct", [StarNode.create()])]),
            "value",
          ),
        ),
      ],
    },
  }),
  unpivot: (n) => ({
    case: "unpivot",
    value: {
      input: compileRelation(n.input),
      ids: n.ids.map(compileExpression),
      ...(n.values === undefined ? {} : { values: { values: n.values.map(compileExpression) } }),
      variableColumnName: n.variableColumnName,
      valueColumnName: n.valueColumnName,
    },
  }),
  statSummary: (n) =>
    n.columns === undefined
      ? {
          case: "summary",
          value: { input: compileRelation(n.input), statistics: [...n.statistics] },
        }
      : { case: "describe", value: { input: compileRelation(n.input), cols: [...n.columns] } },
};

/** The Spark Connect relation of a plan (pure: no connection needed). */
export function compileRelation(node: RelationNode): RelationInit {
  const handler = handlers[node.kind] as Handler<RelationNode["kind"]>;
  return { common: { planId: BigInt(node.planId) }, relType: handler(node as never) };
}
