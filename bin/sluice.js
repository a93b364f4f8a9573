#!/usr/bin/env node
// The `sluice` command. The runtime is compiled to dist/ when the package is installed (npm's prepare).
import { existsSync } from "node:fs";
const main = new URL("../dist/src/cli/main.js", import.meta.url);
if (!existsSync(main)) {
  console.error("sluice is not built: run `npm install` (or `npm run build`) in the sluice package first");
  process.exit(2);
}
await import(main.href);
