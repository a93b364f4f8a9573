export declare function wordAt(i: number): string;
