/** Names a side output. The id must be stable across workers, so it is given by the user, as in Flink. */
export class OutputTag {
    id;
    constructor(id) {
        this.id = id;
        if (!id)
            throw new Error("an OutputTag needs a non-empty id");
    }
}
//# sourceMappingURL=output-tag.js.map