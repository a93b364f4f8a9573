/** Names a side output. The id must be stable across workers, so it is given by the user, as in Flink. */
export declare class OutputTag<T> {
    readonly id: string;
    readonly __elementType?: (value: T) => T;
    constructor(id: string);
}
