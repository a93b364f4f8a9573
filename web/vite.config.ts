/**
 * Builds the dashboard into web/dist, which every Dispatcher serves on its REST port
 * (src/rest/http/static-files.ts). `vite` (dev) proxies the API to a running cluster at
 * SLUICE_REST_URL (default http://127.0.0.1:8081) so pages can be worked on with live data.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const API_PREFIXES = ["/overview", "/config", "/jobs", "/jars", "/taskmanagers", "/jobmanager", "/openapi.json", "/v1"];
const target = process.env.SLUICE_REST_URL ?? "http://127.0.0.1:8081";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  // Absolute asset URLs: pages live at nested paths (/web/jobs/<id>/checkpoints).
  base: "/",
  // JSX is compiled by Vite's own transformer; no React plugin is needed for a production build.
  oxc: { jsx: { runtime: "automatic" } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Hashed file names: safe to cache forever, and a new build never mixes with an old one.
    assetsDir: "assets",
    sourcemap: false,
    chunkSizeWarningLimit: 1024,
    rolldownOptions: {
      // @xyflow/react marks itself "use client" for React Server Components; a client-only
      // bundle has nothing to preserve, so the warning about dropping it is noise.
      onwarn(warning, warn) {
        if (warning.code === "MODULE_LEVEL_DIRECTIVE") return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: Object.fromEntries(API_PREFIXES.map((p) => [p, { target, changeOrigin: false }])),
  },
});
