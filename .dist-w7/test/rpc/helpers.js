export class ValidationError extends Error {
    name = "ValidationError";
}
/** An endpoint implementation exercising the cases the RPC layer must get right. */
export class Calculator {
    invocations = 0;
    state = { items: [1, 2, 3] };
    add(a, b) {
        this.invocations++;
        return a + b;
    }
    async addLater(a, b) {
        this.invocations++;
        await new Promise((resolve) => setTimeout(resolve, 5));
        return a + b;
    }
    echo(value) {
        this.invocations++;
        return value;
    }
    /** Mutates its argument: the caller's copy must not change. */
    bump(counter) {
        counter.n++;
        return counter;
    }
    /** Returns internal state: the caller's copy must not alias it. */
    getState() {
        return this.state;
    }
    failWith(kind, message) {
        this.invocations++;
        if (kind === "range")
            throw new RangeError(message);
        if (kind === "custom")
            throw new ValidationError(message);
        throw message;
    }
    async failLater(message) {
        await Promise.resolve();
        throw new TypeError(message);
    }
    hang() {
        this.invocations++;
        return new Promise(() => { });
    }
    big(bytes) {
        return "x".repeat(bytes);
    }
}
/** A logger that records instead of printing, so tests can assert "logged once". */
export class RecordingLogger {
    lines = [];
    warn(message) {
        this.lines.push(message);
    }
}
/** Resolves with the cause the first time `register`'s listener fires. */
export function nextDisconnect(register) {
    return new Promise((resolve) => register(resolve));
}
export function delay(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}
/** Polls until `predicate` holds; bounded by the test's own timeout, not by a timed assertion. */
export async function eventually(predicate) {
    while (!predicate())
        await delay(5);
}
//# sourceMappingURL=helpers.js.map