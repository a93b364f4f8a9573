export type Configuration = Record<string, string>;
export declare class ConfigurationError extends Error {
    name: string;
}
/** Parses the subset of YAML that configuration files use: maps, scalars, comments, quotes. */
export declare function parseConfigYaml(text: string, source?: string): Configuration;
/** Parses `key=value` pairs from -D options. */
export declare function parseDynamicProperties(pairs: readonly string[]): Configuration;
export declare function loadConfiguration(file: string | undefined, dynamic?: readonly string[]): Configuration;
export declare function intOption(config: Configuration, key: string, fallback: number): number;
/** A Flink duration in ms: a plain number is milliseconds; "10 s", "1min", "500 ms" carry a unit. */
export declare function durationOption(config: Configuration, key: string, fallback: number): number;
export declare function numberOption(config: Configuration, key: string, fallback: number): number;
