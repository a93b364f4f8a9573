export declare const HIDDEN_VALUE = "******";
export declare function isSensitiveKey(key: string): boolean;
export declare function redactConfig(config: Readonly<Record<string, string>>): Record<string, string>;
/** The configuration without sensitive entries (what a client may send along with a job). */
export declare function withoutSensitive(config: Readonly<Record<string, string>>): Record<string, string>;
