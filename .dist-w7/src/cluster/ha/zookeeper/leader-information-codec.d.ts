/** The content of a connection_info node: {"address": …, "sessionId": …} as JSON. */
import type { LeaderInformation } from "../interface.js";
export declare function encodeLeaderInformation(leader: LeaderInformation): Buffer;
/** The leader in the node, or null for an empty or unreadable node (treated as "no leader"). */
export declare function decodeLeaderInformation(data: Buffer): LeaderInformation | null;
