/**
 * `StorageLevel`: how Spark keeps a cached DataFrame (memory, disk, off-heap, serialized,
 * replicas), with PySpark's constants and its text form.
 *
 * @example
 * ```ts
 * df.persist(StorageLevel.DISK_ONLY);
 * String(df.storageLevel); // "Disk Serialized 1x Replicated"
 * ```
 */
export class StorageLevel {
  constructor(
    readonly useDisk: boolean,
    readonly useMemory: boolean,
    readonly useOffHeap: boolean,
    readonly deserialized: boolean,
    readonly replication = 1,
  ) {
    Object.freeze(this);
  }

  /** PySpark's text: "Disk Memory Deserialized 1x Replicated". */
  toString(): string {
    const parts = [
      this.useDisk ? "Disk " : "",
      this.useMemory ? "Memory " : "",
      this.useOffHeap ? "OffHeap " : "",
      this.deserialized ? "Deserialized " : "Serialized ",
    ];
    return `${parts.join("")}${this.replication}x Replicated`;
  }

  equals(other: StorageLevel): boolean {
    return this.toString() === other.toString();
  }

  static readonly NONE = new StorageLevel(false, false, false, false);
  static readonly DISK_ONLY = new StorageLevel(true, false, false, false);
  static readonly DISK_ONLY_2 = new StorageLevel(true, false, false, false, 2);
  static readonly DISK_ONLY_3 = new StorageLevel(true, false, false, false, 3);
  static readonly MEMORY_ONLY = new StorageLevel(false, true, false, false);
  static readonly MEMORY_ONLY_2 = new StorageLevel(false, true, false, false, 2);
  static readonly MEMORY_AND_DISK = new StorageLevel(true, true, false, false);
  static readonly MEMORY_AND_DISK_2 = new StorageLevel(true, true, false, false, 2);
  static readonly OFF_HEAP = new StorageLevel(true, true, true, false);
  /** `cache()`'s level, and `persist()`'s default. */
  static readonly MEMORY_AND_DISK_DESER = new StorageLevel(true, true, false, true);
}

/**
 * The levels `cache` / `persist` recorded, by plan. A plan is immutable and shared by the
 * DataFrames over it, so marking it marks `df` itself, as Spark's `df.cache()` does.
 */
const levels = new WeakMap<object, StorageLevel>();

export function storageLevelOf(plan: object): StorageLevel {
  return levels.get(plan) ?? StorageLevel.NONE;
}

export function setStorageLevel(plan: object, level: StorageLevel | undefined): void {
  if (level === undefined || level.equals(StorageLevel.NONE)) levels.delete(plan);
  else levels.set(plan, level);
}
