#!/usr/bin/env node
// Health check of the Sluice images (HEALTHCHECK, a Kubernetes exec probe): exits 0 when the
// process serves — JobManagers (application, jobmanager) answer on their REST port, a TaskManager
// accepts connections on its RPC port — and 1 otherwise. The ports come from SLUICE_PROPERTIES, then
// the configuration file (SLUICE_CONFIG), then the image's defaults.
import { readFileSync } from "node:fs";
import { connect } from "node:net";

function settings() {
  const lines = [];
  try {
    lines.push(...readFileSync(process.env.SLUICE_CONFIG ?? "/opt/sluice/conf/config.yaml", "utf8").split("\n"));
  } catch {
    // no file: defaults and properties only
  }
  lines.push(...(process.env.SLUICE_PROPERTIES ?? "").split("\n"));
  const found = {};
  for (const line of lines) {
    const m = /^\s*([\w.-]+)\s*:\s*(\S.*?)\s*$/.exec(line);
    if (m) found[m[1]] = m[2];
  }
  return found;
}

const config = settings();
const role = process.env.SLUICE_ROLE ?? "taskmanager";
const taskManager = role === "taskmanager";
const port = Number(taskManager ? (config["taskmanager.rpc.port"] ?? 6122) : (config["rest.port"] ?? 8081));
// A TaskManager listens on its advertised address; REST on rest.bind-address (a wildcard: loopback).
const bound = taskManager ? (config["taskmanager.host"] ?? process.env.SLUICE_HOST) : config["rest.bind-address"];
const host = !bound || bound === "0.0.0.0" || bound === "::" ? "127.0.0.1" : bound;
const timer = setTimeout(() => process.exit(1), 2500);
const socket = connect({ host, port }, () => {
  clearTimeout(timer);
  socket.destroy();
  process.exit(0);
});
socket.on("error", () => process.exit(1));
