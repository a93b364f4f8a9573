/** Compares two multisets of output lines with a message that says what is missing or doubled. */
import assert from "node:assert/strict";
export function assertSameLines(actual, expected, context) {
    const counts = new Map();
    for (const line of expected)
        counts.set(line, (counts.get(line) ?? 0) + 1);
    for (const line of actual)
        counts.set(line, (counts.get(line) ?? 0) - 1);
    const missing = [];
    const extra = [];
    for (const [line, n] of counts) {
        if (n > 0)
            missing.push(line);
        if (n < 0)
            extra.push(line);
    }
    const sample = (lines) => lines.slice(0, 5).join(" | ");
    assert.ok(missing.length === 0 && extra.length === 0, `${context}: ${actual.length} lines, ${expected.length} expected; ` +
        `${missing.length} missing (${sample(missing)}), ${extra.length} extra or duplicated (${sample(extra)})`);
}
//# sourceMappingURL=same-lines.js.map