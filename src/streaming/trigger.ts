/**
 * When a query runs its batches, as Spark's triggers: `availableNow` (everything there at
 * start, in batches that respect the read limits, then stop), `once` (everything in one
 * batch, then stop), or `processingTime` (a batch every interval, until stopped; the default
 * is interval 0: as soon as the previous batch ends).
 */
import { parseDuration } from "../config/durations.js";
import { IllegalArgumentError } from "../errors.js";

export type Trigger =
  | { readonly availableNow: true }
  | { readonly once: true }
  | { readonly processingTime: string | number };

export type ParsedTrigger =
  | { readonly kind: "availableNow" }
  | { readonly kind: "once" }
  | { readonly kind: "processingTime"; readonly intervalMs: number };

export const DEFAULT_TRIGGER: ParsedTrigger = { kind: "processingTime", intervalMs: 0 };

export function parseTrigger(trigger: Trigger): ParsedTrigger {
  const set = Object.entries(trigger).filter(([, v]) => v !== undefined && v !== false);
  if (set.length !== 1) {
    throw new IllegalArgumentError(
      `Only one trigger can be set: got ${set.map(([k]) => k).join(", ") || "none"}.`,
      {
        hint: 'Pass one of { availableNow: true }, { once: true }, { processingTime: "1 minute" }.',
      },
    );
  }
  if ("availableNow" in trigger) return { kind: "availableNow" };
  if ("once" in trigger) return { kind: "once" };
  const p = trigger.processingTime;
  const intervalMs = typeof p === "number" ? p : parseDuration("processingTime", p);
  if (!Number.isFinite(intervalMs) || intervalMs < 0)
    throw new IllegalArgumentError(`Invalid processingTime interval: ${String(p)}.`, {
      hint: 'Give milliseconds or a duration such as "10 seconds" or "1 minute".',
    });
  return { kind: "processingTime", intervalMs };
}
