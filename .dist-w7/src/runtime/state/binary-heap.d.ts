/** A binary min-heap; `less` decides the order. */
export declare class BinaryHeap<T> {
    private readonly less;
    private readonly items;
    constructor(less: (a: T, b: T) => boolean);
    get size(): number;
    peek(): T | undefined;
    push(item: T): void;
    pop(): T | undefined;
    /** Keeps only the items `keep` accepts (to drop cancelled entries in bulk). */
    retain(keep: (item: T) => boolean): void;
}
