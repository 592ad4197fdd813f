/**
 * The condition hierarchy must stay acyclic: "narrower conditions are included" walks it down, and
 * a cycle would make a condition its own ancestor. Checked in the domain, once, for editing and
 * for revert alike; the stores only fetch.
 */
import type { ConditionRecord } from '../store/ports';

/**
 * The first proposed broader id from which `id` is reachable going up (so linking to it would close
 * a cycle), or null. Walks up from the proposed parents level by level, one batched read per level.
 */
export async function broaderCycle(
  id: string,
  broaderIds: readonly string[],
  getConditions: (ids: readonly string[]) => Promise<ConditionRecord[]>,
): Promise<string | null> {
  for (const start of broaderIds) {
    if (start === id) return start;
    const seen = new Set<string>([start]);
    let level = [start];
    while (level.length > 0) {
      const parents = (await getConditions(level)).flatMap((c) => c.broaderIds);
      if (parents.includes(id)) return start;
      level = parents.filter((p) => !seen.has(p));
      for (const p of level) seen.add(p);
    }
  }
  return null;
}
