/** Names a side output. The id must be stable across workers, so it is given by the user, as in Flink. */
export class OutputTag<T> {
  declare readonly __elementType?: (value: T) => T;
  constructor(readonly id: string) {
    if (!id) throw new Error("an OutputTag needs a non-empty id");
  }
}
