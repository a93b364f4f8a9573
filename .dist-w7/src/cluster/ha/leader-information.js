/** Equality for de-duplicating notifications; `undefined` means "nothing reported yet". */
export function sameLeader(a, b) {
    if (b === undefined)
        return false;
    if (a === null || b === null)
        return a === b;
    return a.address === b.address && a.sessionId === b.sessionId;
}
//# sourceMappingURL=leader-information.js.map