/** Polls `condition` until it holds; fails with `what` after `timeoutMs` (a bound, not a measurement). */
export async function waitFor(condition, what, timeoutMs = 20_000, everyMs = 20) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        if (await condition())
            return;
        if (Date.now() > deadline)
            throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, everyMs));
    }
}
//# sourceMappingURL=wait.js.map