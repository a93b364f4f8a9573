#!/usr/bin/env bash
# Writes the REST API's OpenAPI document, generated from the route table and its schemas, to
# docs/rest-api.json (the dashboard generates its typed client from it).
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsc -p tsconfig.json >/dev/null || echo "note: tsc reported type errors; writing the document from the emitted JavaScript" >&2
mkdir -p docs
node dist/src/rest/write-openapi.js docs/rest-api.json
