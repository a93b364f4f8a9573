export declare function encodeCollected(values: unknown[]): string;
export declare function decodeCollected(base64: string): unknown[];
