/** `*` or `t.*`: every column of the input (or of one alias). */
export interface StarNode {
  readonly kind: "star";
  readonly target: string | undefined;
}

export const StarNode = {
  create(target?: string): StarNode {
    return Object.freeze({ kind: "star", target });
  },
};
