/** Helpers shared by the leader retrieval implementations. */
import type { LeaderInformation } from "./interface.js";
/** Equality for de-duplicating notifications; `undefined` means "nothing reported yet". */
export declare function sameLeader(a: LeaderInformation | null, b: LeaderInformation | null | undefined): boolean;
