export function isPointwise(p) {
    return p.type === "forward" || p.type === "rescale";
}
/** Consumers that producer `i` (of `up`) sends to, given `down` consumers. */
export function consumersOf(p, i, up, down) {
    if (!isPointwise(p))
        return range(down);
    if (up >= down)
        return [Math.floor((i * down) / up)];
    const out = [];
    for (let j = 0; j < down; j++)
        if (Math.floor((j * up) / down) === i)
            out.push(j);
    return out;
}
/** Producers that consumer `j` (of `down`) reads from, given `up` producers. */
export function producersOf(p, j, up, down) {
    if (!isPointwise(p))
        return range(up);
    if (up <= down)
        return [Math.floor((j * up) / down)];
    const out = [];
    for (let i = 0; i < up; i++)
        if (Math.floor((i * down) / up) === j)
            out.push(i);
    return out;
}
function range(n) {
    return Array.from({ length: n }, (_, i) => i);
}
//# sourceMappingURL=channel-topology.js.map