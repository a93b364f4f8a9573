export function encodeLeaderInformation(leader) {
    return Buffer.from(JSON.stringify({ address: leader.address, sessionId: leader.sessionId }), "utf8");
}
/** The leader in the node, or null for an empty or unreadable node (treated as "no leader"). */
export function decodeLeaderInformation(data) {
    try {
        const parsed = JSON.parse(data.toString("utf8"));
        if (typeof parsed !== "object" || parsed === null)
            return null;
        const { address, sessionId } = parsed;
        return typeof address === "string" && typeof sessionId === "string" ? { address, sessionId } : null;
    }
    catch {
        return null;
    }
}
//# sourceMappingURL=leader-information-codec.js.map