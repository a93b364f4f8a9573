/** Configuration: flat and nested YAML, comments, quotes, -D overrides, and clear errors. */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { ConfigurationError, durationOption, intOption, numberOption, loadConfiguration, parseConfigYaml, parseDynamicProperties } from "../../src/config/configuration.js";
test("flat keys, as in Flink's flink-conf.yaml", () => {
    const text = ["rest.port: 8081", "taskmanager.numberOfTaskSlots: 4", "high-availability.zookeeper.quorum: zk1:2181,zk2:2181", "heartbeat.timeout:   50 s  "].join("\n");
    assert.deepEqual(parseConfigYaml(text), {
        "rest.port": "8081",
        "taskmanager.numberOfTaskSlots": "4",
        "high-availability.zookeeper.quorum": "zk1:2181,zk2:2181",
        "heartbeat.timeout": "50 s",
    });
});
test("nested maps flatten with dots, as in Flink's config.yaml", () => {
    const text = `
rest:
  port: 8082
  address: localhost
high-availability:
  type: zookeeper
  zookeeper:
    quorum: "zk:2181"
    path:
      root: /sluice
  storageDir: file:///tmp/ha
parallelism.default: 2
execution:
    checkpointing:
        interval: 10 s
`;
    assert.deepEqual(parseConfigYaml(text), {
        "rest.port": "8082",
        "rest.address": "localhost",
        "high-availability.type": "zookeeper",
        "high-availability.zookeeper.quorum": "zk:2181",
        "high-availability.zookeeper.path.root": "/sluice",
        "high-availability.storageDir": "file:///tmp/ha",
        "parallelism.default": "2",
        "execution.checkpointing.interval": "10 s",
    });
});
test("comments, blank lines, CRLF and quotes", () => {
    const text = [
        "# a comment",
        "",
        "a: 1 # trailing comment",
        "   # indented comment",
        "b: 'single quoted'",
        'c: "double quoted"',
        "d: value#not-a-comment",
        'e: "quoted # not a comment"',
        "f: 'it''s'",
        'g: "say \\"hi\\""',
        'h: ""',
    ].join("\r\n");
    assert.deepEqual(parseConfigYaml(text), {
        a: "1",
        b: "single quoted",
        c: "double quoted",
        d: "value#not-a-comment",
        e: "quoted # not a comment",
        f: "it's",
        g: 'say "hi"',
        h: "",
    });
});
test("a malformed line is a clear error naming the file and line", () => {
    for (const [text, line] of [["a: 1\nnot a pair\n", 2], ["ok: 1\n\n# c\n- item", 4], ["x:1", 1], ['q: "unterminated', 1]]) {
        assert.throws(() => parseConfigYaml(text, "conf.yaml"), (e) => e instanceof ConfigurationError && e.message.startsWith(`conf.yaml:${line}:`), JSON.stringify(text));
    }
});
test("-D key=value pairs, and they override the file", () => {
    assert.deepEqual(parseDynamicProperties(["a=1", " b = two ", "url=http://x/?q=1"]), { a: "1", b: "two", url: "http://x/?q=1" });
    for (const bad of ["novalue", "=x"])
        assert.throws(() => parseDynamicProperties([bad]), (e) => e instanceof ConfigurationError && e.message.includes(bad));
    const dir = mkdtempSync(join(tmpdir(), "sluice-config-"));
    try {
        const file = join(dir, "config.yaml");
        writeFileSync(file, "rest:\n  port: 8081\nparallelism.default: 1\n");
        assert.deepEqual(loadConfiguration(file, ["rest.port=9000", "extra=yes"]), { "rest.port": "9000", "parallelism.default": "1", extra: "yes" });
        assert.throws(() => loadConfiguration(join(dir, "missing.yaml")), (e) => e instanceof ConfigurationError && e.message.includes("missing.yaml"));
    }
    finally {
        rmSync(dir, { recursive: true, force: true });
    }
});
test("intOption parses integers and rejects anything else clearly", () => {
    assert.equal(intOption({ n: "12" }, "n", 3), 12);
    assert.equal(intOption({}, "n", 3), 3);
    assert.throws(() => intOption({ n: "1.5" }, "n", 3), (e) => e instanceof ConfigurationError && /n must be an integer/.test(e.message));
});
test("durationOption reads Flink durations in ms; numberOption reads numbers", () => {
    const cases = [["250", 250], ["0", 0], ["10 s", 10_000], ["1min", 60_000], ["500 ms", 500], ["1.5 s", 1500], ["2 h", 7_200_000], ["1 d", 86_400_000], ["3 Seconds", 3000]];
    for (const [text, ms] of cases)
        assert.equal(durationOption({ k: text }, "k", 7), ms, text);
    assert.equal(durationOption({}, "k", 7), 7);
    for (const bad of ["", "soon", "10 parsecs", "-1 s"]) {
        assert.throws(() => durationOption({ k: bad }, "k", 7), (e) => e instanceof ConfigurationError && e.message.includes(`"${bad}"`));
    }
    assert.equal(numberOption({ k: "1.5" }, "k", 0), 1.5);
    assert.throws(() => numberOption({ k: "x" }, "k", 0), ConfigurationError);
});
//# sourceMappingURL=configuration.test.js.map