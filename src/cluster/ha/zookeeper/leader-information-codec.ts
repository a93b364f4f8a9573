/** The content of a connection_info node: {"address": …, "sessionId": …} as JSON. */
import type { LeaderInformation } from "../interface.js";

export function encodeLeaderInformation(leader: LeaderInformation): Buffer {
  return Buffer.from(JSON.stringify({ address: leader.address, sessionId: leader.sessionId }), "utf8");
}

/** The leader in the node, or null for an empty or unreadable node (treated as "no leader"). */
export function decodeLeaderInformation(data: Buffer): LeaderInformation | null {
  try {
    const parsed: unknown = JSON.parse(data.toString("utf8"));
    if (typeof parsed !== "object" || parsed === null) return null;
    const { address, sessionId } = parsed as { address?: unknown; sessionId?: unknown };
    return typeof address === "string" && typeof sessionId === "string" ? { address, sessionId } : null;
  } catch {
    return null;
  }
}
