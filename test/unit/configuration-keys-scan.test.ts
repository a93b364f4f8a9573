/**
 * Configuration keys are read only through typed options (docs/architecture.md, "Configuration"):
 * outside the options modules (`*-options.ts`) and src/config itself, no code indexes a
 * configuration with a key string, so every key has one declaration, one default and one parser.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { lineOf, typeScriptFiles, type SourceFile } from "../../scripts/source-tree.js";

/** Indexing something named like a configuration with a dotted key string: `config["rest.port"]`, `this.options.config['x.y']`. */
const BARE_READ = /\b(\w*[cC]onf(?:ig(?:uration)?)?)\s*\??\.?\s*\[\s*(["'`])([a-z][\w-]*(?:\.[\w-]+)+)\2\s*\]/g;
/** A key constant instead of an option: `config[JobManagerOptions.RPC_ADDRESS]`. */
const CONSTANT_READ = /\b\w*[cC]onf(?:ig(?:uration)?)?\s*\??\.?\s*\[\s*[A-Z]\w*\.[A-Z][A-Z0-9_]*\s*\]/g;
/** A helper given a configuration and a key string: `intOption(config, "a.b", 5)`, `boolSetting(this.config, "x.y")`. */
const HELPER_READ = /\b\w+\s*\(\s*[\w.]*[cC]onfig\w*\s*,\s*(["'`])[a-z][\w-]*(?:\.[\w-]+)+\1/g;

export function bareConfigurationReads(files: readonly SourceFile[]): string[] {
  const offenders: string[] = [];
  for (const { path, text } of files) {
    if (path.endsWith("-options.ts") || path.startsWith("src/config/")) continue;
    const found: { index: number; text: string }[] = [];
    for (const pattern of [BARE_READ, CONSTANT_READ, HELPER_READ]) {
      for (const m of text.matchAll(pattern)) found.push({ index: m.index!, text: m[0] });
    }
    found.sort((a, b) => a.index - b.index);
    offenders.push(...found.map((f) => `${path}:${lineOf(text, f.index)}: ${f.text}`));
  }
  return offenders;
}

test("the scan recognises bare key reads", () => {
  const sample: SourceFile = {
    path: "src/sample.ts",
    text: [
      'const port = config["rest.port"];',
      "const dir = this.options.config['env.log.dir'] ?? x;",
      'const n = intOption(config, "metrics.report-interval", 1000);',
      'const fine = readOption(config, RestOptions.PORT); const label = labels["not-a-key"];',
      "const host = config[JobManagerOptions.RPC_ADDRESS]?.trim();",
      'if (boolSetting(this.config, "security.network.trusted", false)) open();',
    ].join("\n"),
  };
  assert.deepEqual(bareConfigurationReads([sample, { ...sample, path: "src/rest/rest-options.ts" }]), [
    'src/sample.ts:1: config["rest.port"]',
    "src/sample.ts:2: config['env.log.dir']",
    'src/sample.ts:3: intOption(config, "metrics.report-interval"',
    "src/sample.ts:5: config[JobManagerOptions.RPC_ADDRESS]",
    'src/sample.ts:6: boolSetting(this.config, "security.network.trusted"',
  ]);
});

test("no configuration key is read bare outside the options modules (declare it in a *-options.ts module, read it with readOption)", () => {
  const offenders = bareConfigurationReads(typeScriptFiles("src"));
  assert.deepEqual(offenders, [], `bare configuration reads:\n  ${offenders.join("\n  ")}`);
});
