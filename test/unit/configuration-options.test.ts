/** Typed configuration options: parsing of each kind, deprecated keys, defaults, required options and errors. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { declaredOptions, isConfigOption, options, readOption, requireOption } from "../../src/config/config-option.js";
import { formatByteSize, parseByteSize } from "../../src/config/byte-size.js";
import { ConfigurationError } from "../../src/config/configuration.js";

const PORT = options.integer({ key: "test.port", default: 8081, min: 0, description: "a port" });
const TIMEOUT = options.duration({ key: "test.timeout", default: 10_000, min: 1, deprecatedKeys: ["test.old-timeout", "test.older-timeout"], description: "a timeout" });
const RATIO = options.number({ key: "test.ratio", default: 0.5, description: "a ratio" });
const NAME = options.string({ key: "test.name", default: undefined, description: "a name" });
const ENABLED = options.boolean({ key: "test.enabled", default: false, description: "a switch" });
const MODE = options.enum({ key: "test.mode", values: ["exactly-once", "at-least-once"], default: "exactly-once", description: "a mode" });
const SIZE = options.bytes({ key: "test.size", default: 64 * 1024 * 1024, description: "a size" });
const ROOTS = options.list({ key: "test.roots", default: [], description: "some roots" });
const SECRET = options.string({ key: "test.secret", default: undefined, required: true, description: "the secret" });
const QUORUM = options.string({ key: "test.quorum", default: undefined, required: "when test.mode is at-least-once", description: "the quorum" });

test("an unset key gives the default; an empty value counts as unset", () => {
  assert.equal(readOption({}, PORT), 8081);
  assert.equal(readOption({ "test.port": "  " }, PORT), 8081);
  assert.equal(readOption({}, NAME), undefined);
  assert.deepEqual(readOption({}, ROOTS), []);
});

test("each kind parses its values", () => {
  assert.equal(readOption({ "test.port": " 9000 " }, PORT), 9000);
  assert.equal(readOption({ "test.timeout": "2 min" }, TIMEOUT), 120_000);
  assert.equal(readOption({ "test.timeout": "250" }, TIMEOUT), 250);
  assert.equal(readOption({ "test.ratio": "1.5" }, RATIO), 1.5);
  assert.equal(readOption({ "test.name": "  job  " }, NAME), "job");
  assert.equal(readOption({ "test.enabled": "TRUE" }, ENABLED), true);
  assert.equal(readOption({ "test.mode": "AT_LEAST_ONCE" }, MODE), "at-least-once");
  assert.equal(readOption({ "test.size": "512 kb" }, SIZE), 512 * 1024);
  assert.equal(readOption({ "test.size": "10485760b" }, SIZE), 10 * 1024 * 1024);
  assert.deepEqual(readOption({ "test.roots": "/a; /b ;;/c" }, ROOTS), ["/a", "/b", "/c"]);
  assert.deepEqual(readOption({ "test.roots": "/a,/b" }, ROOTS), ["/a", "/b"]);
});

test("deprecated keys are read in order when the key is not set, and the key wins", () => {
  assert.equal(readOption({ "test.older-timeout": "3 s" }, TIMEOUT), 3000);
  assert.equal(readOption({ "test.old-timeout": "2 s", "test.older-timeout": "3 s" }, TIMEOUT), 2000);
  assert.equal(readOption({ "test.timeout": "1 s", "test.old-timeout": "2 s" }, TIMEOUT), 1000);
});

test("a wrong value fails with a ConfigurationError naming the key actually set and what it expects", () => {
  const fails = (config: Record<string, string>, read: () => unknown, message: RegExp): void => {
    assert.throws(read, (e: unknown) => {
      assert.ok(e instanceof ConfigurationError, `expected a ConfigurationError for ${JSON.stringify(config)}`);
      assert.match(e.message, message);
      return true;
    });
  };
  const c1 = { "test.port": "80.5" };
  fails(c1, () => readOption(c1, PORT), /test\.port must be an integer, got "80\.5"/);
  const c2 = { "test.old-timeout": "soon" };
  fails(c2, () => readOption(c2, TIMEOUT), /test\.old-timeout must be a duration/);
  const c3 = { "test.timeout": "0 ms" };
  fails(c3, () => readOption(c3, TIMEOUT), /test\.timeout must be at least 1 ms, got "0 ms"/);
  const c4 = { "test.port": "-1" };
  fails(c4, () => readOption(c4, PORT), /test\.port must be at least 0/);
  const c5 = { "test.enabled": "yes" };
  fails(c5, () => readOption(c5, ENABLED), /test\.enabled must be true or false, got "yes"/);
  const c6 = { "test.mode": "twice" };
  fails(c6, () => readOption(c6, MODE), /test\.mode must be one of exactly-once, at-least-once, got "twice"/);
  const c7 = { "test.size": "64 parsecs" };
  fails(c7, () => readOption(c7, SIZE), /test\.size must be a memory size such as "64 mb"/);
  const c8 = { "test.ratio": "half" };
  fails(c8, () => readOption(c8, RATIO), /test\.ratio must be a number/);
});

test("a required option fails when unset, saying how to set it; a conditionally required one when the component requires it", () => {
  assert.throws(() => readOption({}, SECRET), (e: unknown) => e instanceof ConfigurationError && /test\.secret is required: set it in the configuration file .* or with -D test\.secret=/.test(e.message));
  assert.equal(readOption({ "test.secret": "s" }, SECRET), "s");
  assert.equal(readOption({}, QUORUM), undefined);
  assert.throws(() => requireOption({}, QUORUM, "when test.mode is at-least-once"), /test\.quorum is required when test\.mode is at-least-once: set it/);
  assert.equal(requireOption({ "test.quorum": "zk:2181" }, QUORUM), "zk:2181");
});

test("options are known by identity and declared once per key", () => {
  assert.ok(isConfigOption(PORT));
  assert.ok(!isConfigOption({ ...PORT }), "a copy is not a declared option");
  assert.ok(declaredOptions().includes(PORT));
  assert.throws(() => options.integer({ key: "test.port", default: 1, description: "again" }), /test\.port is declared twice/);
});

test("memory sizes use Flink's binary units and print in the largest exact unit", () => {
  assert.equal(parseByteSize("1 gb", "k"), 1024 ** 3);
  assert.equal(parseByteSize("1.5m", "k"), 1.5 * 1024 ** 2);
  assert.equal(parseByteSize("42", "k"), 42);
  assert.equal(formatByteSize(64 * 1024 * 1024), "64 mb");
  assert.equal(formatByteSize(1536), "1536 bytes");
  assert.equal(formatByteSize(2048), "2 kb");
});
