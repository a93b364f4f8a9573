export function partFileName(subtask, part, state) {
    const base = `part-${subtask}-${part}`;
    return state === "committed" ? base : `.${base}.${state}`;
}
const PART_FILE = /^(\.?)part-(\d+)-(\d+)(?:\.(inprogress|pending))?$/;
/** The part file a directory entry is, or undefined for anything else. */
export function parsePartFileName(name) {
    const m = PART_FILE.exec(name);
    if (!m)
        return undefined;
    const hidden = m[1] === ".";
    const state = m[4] ?? "committed";
    // A committed name is never hidden and a staged one always is; anything else is not ours.
    if (hidden !== (state !== "committed"))
        return undefined;
    return { subtask: Number(m[2]), part: Number(m[3]), state };
}
/** True for a committed part file's name: what a reader of the sink's output should read. */
export function isCommittedPartFile(name) {
    return parsePartFileName(name)?.state === "committed";
}
//# sourceMappingURL=part-file-names.js.map