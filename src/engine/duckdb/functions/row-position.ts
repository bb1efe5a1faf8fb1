/**
 * A row's position in its relation (from 0), for the functions Spark defines by it within a
 * partition (`monotonically_increasing_id`, seeded `rand`): this engine is one partition.
 * It is a window, so a filter over it needs QUALIFY rather than WHERE (relation-simple.ts).
 */
export const ROW_NUMBER_WINDOW = "row_number() OVER ()";

export const ROW_POSITION_SQL = `(${ROW_NUMBER_WINDOW} - 1)`;
