/**
 * The subset of JSON Schema (2020-12, as OpenAPI 3.1 uses it) that the REST routes declare, and a
 * validator for it. Every route's path parameters, query and body are checked against their schema
 * before a handler sees them, and the same schemas become the OpenAPI document, so the contract the
 * dashboard's generated client relies on is the one that is enforced.
 *
 * A hand-written validator rather than a dependency (ajv): the subset is small, error messages can
 * name the offending field the way Flink's do, and the server stays free of code generation.
 */
const patternCache = new Map();
function regex(pattern) {
    let r = patternCache.get(pattern);
    if (!r)
        patternCache.set(pattern, (r = new RegExp(pattern, "u")));
    return r;
}
function typeOf(value) {
    if (value === null)
        return "null";
    if (Array.isArray(value))
        return "array";
    switch (typeof value) {
        case "string":
            return "string";
        case "boolean":
            return "boolean";
        case "number":
            return Number.isFinite(value) ? (Number.isInteger(value) ? "integer" : "number") : "other";
        case "object":
            return "object";
        case "undefined":
            return "undefined";
        default:
            return "other";
    }
}
function matchesType(actual, expected) {
    return actual === expected || (expected === "number" && actual === "integer");
}
function describeValue(value) {
    const t = typeOf(value);
    if (t === "string") {
        const s = value;
        return JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);
    }
    if (t === "integer" || t === "number" || t === "boolean" || t === "null")
        return String(value);
    return t === "other" ? typeof value : t;
}
const MAX_ERRORS = 20;
/**
 * Validates `value` against `schema`; returns the problems found (empty when valid), each naming
 * the path of the offending field (`body.parallelism: expected integer, got "four"`).
 */
export function validate(schema, value, path = "value") {
    const errors = [];
    check(schema, value, path, errors);
    return errors.slice(0, MAX_ERRORS);
}
function check(schema, value, path, errors) {
    if (errors.length >= MAX_ERRORS)
        return;
    const actual = typeOf(value);
    if (schema.type !== undefined) {
        const types = Array.isArray(schema.type) ? schema.type : [schema.type];
        if (!types.some((t) => matchesType(actual, t))) {
            errors.push(`${path}: expected ${types.join(" or ")}, got ${describeValue(value)}`);
            return;
        }
    }
    if (schema.const !== undefined && value !== schema.const) {
        errors.push(`${path}: must be ${JSON.stringify(schema.const)}, got ${describeValue(value)}`);
    }
    if (schema.enum && !schema.enum.includes(value)) {
        errors.push(`${path}: must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}, got ${describeValue(value)}`);
    }
    if (schema.oneOf || schema.anyOf)
        checkAlternatives(schema, value, path, errors);
    switch (actual) {
        case "string":
            checkString(schema, value, path, errors);
            break;
        case "integer":
        case "number":
            if (schema.minimum !== undefined && value < schema.minimum)
                errors.push(`${path}: must be >= ${schema.minimum}, got ${value}`);
            if (schema.maximum !== undefined && value > schema.maximum)
                errors.push(`${path}: must be <= ${schema.maximum}, got ${value}`);
            break;
        case "array":
            checkArray(schema, value, path, errors);
            break;
        case "object":
            checkObject(schema, value, path, errors);
            break;
        default:
            break;
    }
}
function checkString(schema, s, path, errors) {
    if (schema.minLength !== undefined && s.length < schema.minLength)
        errors.push(`${path}: must have at least ${schema.minLength} characters`);
    if (schema.maxLength !== undefined && s.length > schema.maxLength)
        errors.push(`${path}: must have at most ${schema.maxLength} characters`);
    if (schema.pattern !== undefined && !regex(schema.pattern).test(s))
        errors.push(`${path}: ${describeValue(s)} does not match ${schema.pattern}`);
}
function checkArray(schema, a, path, errors) {
    if (schema.minItems !== undefined && a.length < schema.minItems)
        errors.push(`${path}: must have at least ${schema.minItems} items`);
    if (schema.maxItems !== undefined && a.length > schema.maxItems) {
        errors.push(`${path}: must have at most ${schema.maxItems} items`);
        return;
    }
    if (schema.items)
        a.forEach((item, i) => check(schema.items, item, `${path}[${i}]`, errors));
}
function checkObject(schema, o, path, errors) {
    const keys = Object.keys(o);
    if (schema.maxProperties !== undefined && keys.length > schema.maxProperties) {
        errors.push(`${path}: must have at most ${schema.maxProperties} fields`);
        return;
    }
    for (const r of schema.required ?? []) {
        if (!Object.hasOwn(o, r) || o[r] === undefined)
            errors.push(`${path}.${r}: is required`);
    }
    const props = schema.properties ?? {};
    for (const k of keys) {
        const sub = Object.hasOwn(props, k) ? props[k] : undefined;
        if (sub)
            check(sub, o[k], `${path}.${k}`, errors);
        else if (schema.additionalProperties === false)
            errors.push(`${path}.${k}: unknown field`);
        else if (typeof schema.additionalProperties === "object")
            check(schema.additionalProperties, o[k], `${path}.${k}`, errors);
    }
}
function checkAlternatives(schema, value, path, errors) {
    const alternatives = schema.oneOf ?? schema.anyOf;
    const results = alternatives.map((alt) => validate(alt, value, path));
    const passing = results.filter((r) => r.length === 0).length;
    if (schema.oneOf && passing === 1)
        return;
    if (schema.anyOf && passing >= 1)
        return;
    if (passing === 0) {
        // Report the alternative that came closest: usually the one the client meant.
        const best = results.reduce((a, b) => (b.length < a.length ? b : a));
        errors.push(...best);
    }
    else
        errors.push(`${path}: matches more than one alternative`);
}
/**
 * Path and query parameters arrive as strings; turns them into what their schema declares
 * (integer, number, boolean, comma-separated arrays), leaving anything unparsable as it was so that
 * validation reports it.
 */
export function coerceParameter(schema, raw) {
    const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
    if (types.includes("string"))
        return raw;
    if (types.includes("integer") || types.includes("number")) {
        const n = raw.trim() === "" ? Number.NaN : Number(raw);
        return Number.isFinite(n) ? n : raw;
    }
    if (types.includes("boolean"))
        return raw === "true" ? true : raw === "false" ? false : raw;
    if (types.includes("array"))
        return raw === "" ? [] : raw.split(",").map((p) => (schema.items ? coerceParameter(schema.items, p) : p));
    return raw;
}
//# sourceMappingURL=json-schema.js.map