/**
 * Bundles a job file and everything it imports into one ES module (docs/architecture.md, principle 5), with
 * esbuild. Imports of "sluice" are not bundled: they read the runtime's API from a global the
 * runtime installs, so the bundle is small and always matches the runtime that runs it.
 */
import { build, type Message, type Plugin } from "esbuild";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { SluiceError, registerErrorClass } from "../errors/sluice-error.js";

export class JobBundleError extends SluiceError {}
registerErrorClass(JobBundleError);

export interface BundledJob {
  code: string;
  hash: string;
  file: string;
}

/** The names the public package exports, resolved by its name as a job file's own import resolves it. */
async function apiExportNames(): Promise<string[]> {
  return Object.keys(await import("sluice"));
}

function sluiceApiPlugin(names: string[]): Plugin {
  return {
    name: "sluice-api",
    setup(b) {
      b.onResolve({ filter: /^sluice$/ }, () => ({ path: "sluice", namespace: "sluice-api" }));
      b.onLoad({ filter: /.*/, namespace: "sluice-api" }, () => ({
        contents:
          `const api = globalThis[Symbol.for("sluice.api")];\n` +
          `if (!api) throw new Error("this job bundle must be run by the Sluice runtime");\n` +
          names.map((n) => `export const ${n} = api.${n};`).join("\n"),
        loader: "js",
      }));
    },
  };
}

function formatMessages(messages: Message[]): string {
  return messages
    .map((m) => {
      const loc = m.location ? `${m.location.file}:${m.location.line}:${m.location.column + 1}: ` : "";
      const line = m.location?.lineText ? `\n    ${m.location.lineText}` : "";
      return `${loc}${m.text}${line}`;
    })
    .join("\n");
}

export async function bundleJob(file: string): Promise<BundledJob> {
  const entry = resolve(file);
  if (!existsSync(entry)) throw new JobBundleError(`job file not found: ${file}`);
  try {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node20",
      write: false,
      sourcemap: "inline",
      logLevel: "silent",
      plugins: [sluiceApiPlugin(await apiExportNames())],
      // CommonJS dependencies may call require(); give the ES module bundle one.
      banner: { js: `import { createRequire as __sluiceCreateRequire } from "node:module"; const require = __sluiceCreateRequire(import.meta.url);` },
    });
    const code = result.outputFiles[0]!.text;
    return { code, hash: createHash("sha256").update(code).digest("hex"), file: entry };
  } catch (e) {
    const errors = (e as { errors?: Message[] }).errors;
    if (errors?.length) throw new JobBundleError(`cannot build ${file}:\n${formatMessages(errors)}`);
    throw new JobBundleError(`cannot build ${file}: ${(e as Error).message}`);
  }
}
