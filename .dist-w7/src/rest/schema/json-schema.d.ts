/**
 * The subset of JSON Schema (2020-12, as OpenAPI 3.1 uses it) that the REST routes declare, and a
 * validator for it. Every route's path parameters, query and body are checked against their schema
 * before a handler sees them, and the same schemas become the OpenAPI document, so the contract the
 * dashboard's generated client relies on is the one that is enforced.
 *
 * A hand-written validator rather than a dependency (ajv): the subset is small, error messages can
 * name the offending field the way Flink's do, and the server stays free of code generation.
 */
export type JsonSchemaType = "object" | "array" | "string" | "number" | "integer" | "boolean" | "null";
export interface JsonSchema {
    type?: JsonSchemaType | JsonSchemaType[];
    description?: string;
    title?: string;
    properties?: Record<string, JsonSchema>;
    required?: string[];
    /** false: unknown fields are refused; a schema: every other field must match it. */
    additionalProperties?: boolean | JsonSchema;
    maxProperties?: number;
    items?: JsonSchema;
    minItems?: number;
    maxItems?: number;
    enum?: readonly (string | number | boolean | null)[];
    const?: string | number | boolean | null;
    pattern?: string;
    minLength?: number;
    maxLength?: number;
    minimum?: number;
    maximum?: number;
    oneOf?: JsonSchema[];
    anyOf?: JsonSchema[];
    format?: string;
    examples?: unknown[];
    default?: unknown;
    /** Only for documentation: how a path/query parameter is written. */
    contentMediaType?: string;
}
/**
 * Validates `value` against `schema`; returns the problems found (empty when valid), each naming
 * the path of the offending field (`body.parallelism: expected integer, got "four"`).
 */
export declare function validate(schema: JsonSchema, value: unknown, path?: string): string[];
/**
 * Path and query parameters arrive as strings; turns them into what their schema declares
 * (integer, number, boolean, comma-separated arrays), leaving anything unparsable as it was so that
 * validation reports it.
 */
export declare function coerceParameter(schema: JsonSchema, raw: string): unknown;
