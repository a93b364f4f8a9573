/** A throwaway PKI for TLS tests, made with openssl: one CA and one certificate it signs for 127.0.0.1. */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RpcTlsOptions } from "../../../src/cluster/rpc/index.js";

export interface TestPki extends RpcTlsOptions {
  /** The PEM files, for security.ssl.internal.cert / .key / .ca. */
  files: { cert: string; key: string; ca: string };
}

/**
 * The certificate is good as TLS server and client (mutual TLS between cluster processes), for
 * 127.0.0.1, localhost and the given host names (containers reached by name).
 */
export function makePki(dir: string, hostNames: string[] = []): TestPki {
  const run = (...args: string[]): void => void execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  run("req", "-x509", ...ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "1", "-subj", "/CN=sluice test CA");
  run("req", ...ec, "-keyout", "node.key", "-out", "node.csr", "-subj", "/CN=localhost");
  writeFileSync(join(dir, "node.ext"), `subjectAltName=${["IP:127.0.0.1", ...["localhost", ...hostNames].map((n) => `DNS:${n}`)].join(",")}\nextendedKeyUsage=serverAuth,clientAuth\n`);
  run("x509", "-req", "-in", "node.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "node.pem", "-days", "1", "-extfile", "node.ext");
  const files = { cert: join(dir, "node.pem"), key: join(dir, "node.key"), ca: join(dir, "ca.pem") };
  return { cert: readFileSync(files.cert, "utf8"), key: readFileSync(files.key, "utf8"), ca: readFileSync(files.ca, "utf8"), requireClientCert: true, files };
}
