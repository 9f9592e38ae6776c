/** What the demo cart can hold. */
export const CATALOGUE = ['apple', 'pear', 'cherry', 'fig'] as const;

/** Whether `item` is one of the catalogue's products. */
export function isProduct(item: unknown): item is string {
  return CATALOGUE.includes(item as (typeof CATALOGUE)[number]);
}
