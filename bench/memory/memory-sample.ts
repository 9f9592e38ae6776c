/** The memory stores the memory benchmark compares. */
export type MemoryStoreKind = 'kit' | 'express-session';

/** What one store's child process reports, heap figures in bytes. */
export interface MemorySample {
  kind: MemoryStoreKind;
  sessions: number;
  /** Most sessions the store keeps at once, or undefined when unbounded. */
  bound?: number;
  heapBefore: number;
  heapPeak: number;
  heapAfter: number;
  heldAtPeak: number;
  heldAfter: number;
  /** Seconds waited after the last insert before the final measurement. */
  waited: number;
}
