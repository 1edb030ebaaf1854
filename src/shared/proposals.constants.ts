/**
 * 居民提议: how many households must stand behind a proposal (the proposer's own included) before the next
 * joint meeting of the compound takes it up — 5% of the compound's households, at least 3 and at most 20.
 */
export function proposalSupportsNeeded(households: number): number {
  return Math.min(20, Math.max(3, Math.ceil(households * 0.05)));
}
