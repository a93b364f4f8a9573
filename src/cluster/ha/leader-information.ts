/** Helpers shared by the leader retrieval implementations. */
import type { LeaderInformation } from "./interface.js";

/** Equality for de-duplicating notifications; `undefined` means "nothing reported yet". */
export function sameLeader(a: LeaderInformation | null, b: LeaderInformation | null | undefined): boolean {
  if (b === undefined) return false;
  if (a === null || b === null) return a === b;
  return a.address === b.address && a.sessionId === b.sessionId;
}
