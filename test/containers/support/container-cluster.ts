/**
 * A Sluice cluster of containers on its own podman bridge network, each container a host with its
 * own name and address: JobManagers (session or application), TaskManagers, and a ZooKeeper on the
 * host reached through the network's gateway for HA. Every process shares the cluster secret and
 * internal TLS (a certificate for every container name), checkpoints and HA data are on a shared
 * volume (a host folder), each JobManager's REST port is published on a loopback host port.
 */
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { randomBytes, randomUUID } from "node:crypto";
import { join } from "node:path";
import { makePki } from "../../cluster/support/pki.js";
import { TEST_CONFIG } from "../../cluster/support/processes.js";
import { waitFor } from "../../support/wait.js";
import { startZooKeeper, type ZooKeeperServer } from "../../support/zookeeper.js";
import { PodmanError, ownedBy, podman, podmanResult, removeOrphans, removeOwned } from "./podman.js";
import type { TestImages } from "./images.js";

/** The user the images run as (the public Node images' `node`). */
const IMAGE_UID = 1000;
/** The REST token every JobManager requires (REST listens on all interfaces of its container). */
export const REST_TOKEN = "container-test-rest-token";
/** Within ZooKeeper's bounds for its tick of 500 ms. */
export const SESSION_TIMEOUT_MS = 2000;

export interface ContainerOptions {
  /** Extra environment variables. */
  env?: Record<string, string>;
  /** Configuration over the cluster's own ("key: value" lines in SLUICE_PROPERTIES). */
  config?: Record<string, string | undefined>;
  /** Leave out the cluster secret and TLS (bad-setup tests). */
  insecure?: boolean;
  /** Arguments after the image (passed to the entrypoint). */
  args?: string[];
  /** podman run options (e.g. --restart). */
  runOptions?: string[];
  image?: string;
}

export class Container {
  /** podman's name for it: unique on this machine, so clusters of several test files can run at once. */
  readonly id: string;

  constructor(
    readonly cluster: ContainerCluster,
    /** Its host name on the cluster's network (what the others reach it by). */
    readonly name: string,
    readonly role: string,
  ) {
    this.id = cluster.containerId(name);
  }

  /** Its output so far (stdout and stderr together). */
  async logs(): Promise<string> {
    const r = await podmanResult(["logs", this.id], 30_000);
    return r.stdout + r.stderr;
  }

  async waitForLog(pattern: RegExp, what: string, timeoutMs = 60_000): Promise<RegExpExecArray> {
    let match: RegExpExecArray | null = null;
    await waitFor(async () => (match = pattern.exec(await this.logs())) !== null, what, timeoutMs, 250).catch(async (e: Error) => {
      throw new Error(`${e.message}\n--- ${this.name}:\n${(await this.logs()).slice(-6000)}`);
    });
    return match!;
  }

  /** The id of the TaskManager running in it now (a restarted container runs a new one). */
  async taskManagerId(): Promise<string> {
    await this.waitForLog(/TaskManager \S+ ready/, `TaskManager ${this.name} to be ready`);
    const ids = [...(await this.logs()).matchAll(/TaskManager (\S+) ready/g)];
    return ids[ids.length - 1]![1]!;
  }

  /** Its state: running, exited, paused, … */
  async state(): Promise<string> {
    return (await podman(["inspect", "--format", "{{.State.Status}}", this.id])).trim();
  }

  /** Waits for it to exit; resolves with its exit code. */
  async exitCode(timeoutMs = 120_000): Promise<number> {
    return Number((await podman(["wait", this.id], timeoutMs)).trim());
  }

  /** The host URL of its published REST port (JobManagers). */
  async restUrl(): Promise<string> {
    const mapping = (await podman(["port", this.id, "8081/tcp"])).trim().split("\n")[0]!;
    return `http://${mapping.replace(/^0\.0\.0\.0:/, "127.0.0.1:")}`;
  }

  private address: string | undefined;

  /**
   * Freezes it (`podman pause`). runc's cgroup-v1 freezer gives up ("unable to freeze") when the
   * kernel does not settle the freeze in time, which happens on a loaded machine: then thaw and again.
   */
  async pause(attempts = 5): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const r = await podmanResult(["pause", this.id]);
      if (r.code === 0) return;
      if (attempt >= attempts || !/unable to freeze/.test(r.stderr)) throw new PodmanError(["pause", this.id], r.code, r.stdout, r.stderr);
      await podmanResult(["unpause", this.id]);
    }
  }

  /** Cuts it off the network: it keeps running, alone. */
  async disconnect(): Promise<void> {
    const networks = JSON.parse(await podman(["inspect", "--format", "{{json .NetworkSettings.Networks}}", this.id])) as Record<string, { IPAddress: string }>;
    this.address = networks[this.cluster.network]?.IPAddress;
    await podman(["network", "disconnect", this.cluster.network, this.id]);
  }

  /** The partition heals: back on the network with the address it had (its processes listen there). */
  async connect(): Promise<void> {
    await podman(["network", "connect", "--alias", this.name, ...(this.address ? ["--ip", this.address] : []), this.cluster.network, this.id]);
  }
}

export class ContainerCluster {
  readonly containers: Container[] = [];

  private constructor(
    readonly images: TestImages,
    readonly network: string,
    readonly dir: string,
    readonly zk: ZooKeeperServer | undefined,
    readonly config: Record<string, string>,
  ) {}

  /**
   * A network, the secret, the certificates and the shared folder; with `ha`, a ZooKeeper on the
   * host and the HA configuration. `hostNames` are the container names the certificate is good for;
   * `tls: false` leaves internal TLS off (the secret stays).
   */
  static async create(images: TestImages, options: { ha?: boolean; hostNames: string[]; tls?: boolean }): Promise<ContainerCluster> {
    await removeOrphans();
    const id = randomUUID().slice(0, 8);
    const network = `sluice-test-${id}`;
    await podman(["network", "create", ...ownedBy("networks", network), network]);
    const dir = mkdtempSync("/var/tmp/sluice-containers-");
    const tls = join(dir, "tls");
    const data = join(dir, "data");
    mkdirSync(tls);
    mkdirSync(data);
    chmodSync(data, 0o777);
    makePki(tls, options.hostNames);
    writeFileSync(join(tls, "secret"), `${randomBytes(24).toString("base64url")}\n`, { mode: 0o600 });
    for (const file of ["secret", "node.key", "node.pem", "ca.pem"]) chownSync(join(tls, file), IMAGE_UID, IMAGE_UID);
    const config: Record<string, string> = {
      ...TEST_CONFIG,
      "security.cluster.secret-file": "/etc/sluice/tls/secret",
      ...(options.tls === false
        ? {}
        : {
            "security.ssl.internal.enabled": "true",
            "security.ssl.internal.cert": "/etc/sluice/tls/node.pem",
            "security.ssl.internal.key": "/etc/sluice/tls/node.key",
            "security.ssl.internal.ca": "/etc/sluice/tls/ca.pem",
          }),
      "rest.auth.token": REST_TOKEN,
      "execution.checkpointing.dir": "/opt/sluice/data/checkpoints",
    };
    let zk: ZooKeeperServer | undefined;
    if (options.ha) {
      // Containers reach the host at their network's gateway.
      const gateway = JSON.parse(await podman(["network", "inspect", network]))[0].subnets[0].gateway as string;
      zk = await startZooKeeper({ clientPortAddress: "0.0.0.0" });
      Object.assign(config, {
        "high-availability.type": "zookeeper",
        "high-availability.zookeeper.quorum": `${gateway}:${zk.port}`,
        "high-availability.storageDir": "/opt/sluice/data/ha",
        "high-availability.cluster-id": `containers-${id}`,
        "high-availability.zookeeper.client.session-timeout": String(SESSION_TIMEOUT_MS),
        "high-availability.zookeeper.client.connection-timeout": "5000",
      });
    }
    return new ContainerCluster(images, network, dir, zk, config);
  }

  /** podman's name of the container with this host name. */
  containerId(name: string): string {
    return `${this.network}-${name}`;
  }

  /** Starts a container with the given role; returns once podman has started it. */
  async run(name: string, role: "jobmanager" | "taskmanager" | "application", options: ContainerOptions = {}): Promise<Container> {
    const config: Record<string, string | undefined> = { ...(options.insecure ? this.insecureConfig() : this.config), ...options.config };
    const properties = Object.entries(config)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}: ${v}`)
      .join("\n");
    const env = { SLUICE_ROLE: role, SLUICE_HOST: name, SLUICE_PROPERTIES: properties, ...options.env };
    const id = this.containerId(name);
    const args = ["run", "-d", "--name", id, "--hostname", name, "--network", this.network, "--network-alias", name, ...ownedBy("containers", id)];
    args.push("-v", `${join(this.dir, "tls")}:/etc/sluice/tls:ro`, "-v", `${join(this.dir, "data")}:/opt/sluice/data`);
    if (role !== "taskmanager") args.push("-p", "127.0.0.1::8081");
    for (const [k, v] of Object.entries(env)) args.push("-e", `${k}=${v}`);
    args.push(...(options.runOptions ?? []), options.image ?? (role === "application" ? this.images.application : this.images.runtime), ...(options.args ?? []));
    await podman(args);
    const container = new Container(this, name, role);
    this.containers.push(container);
    return container;
  }

  /** Starts a session JobManager and waits until it serves. */
  async jobManager(name: string, options: ContainerOptions = {}): Promise<Container> {
    const jm = await this.run(name, "jobmanager", options);
    await jm.waitForLog(/JobManager ready: RPC/, `JobManager ${name} to be ready`);
    return jm;
  }

  /** Starts a TaskManager of 2 slots and waits until it has registered. */
  async taskManager(name: string, options: ContainerOptions = {}): Promise<Container> {
    const env = { SLUICE_SLOTS: "2", ...(this.config["high-availability.type"] ? {} : { SLUICE_JOBMANAGER: "jm1:6123" }), ...options.env };
    const tm = await this.run(name, "taskmanager", { ...options, env });
    await tm.waitForLog(/TaskManager \S+ registered at/, `TaskManager ${name} to register`);
    return tm;
  }

  /** The configuration without secret, TLS and token. */
  insecureConfig(): Record<string, string> {
    const config = { ...this.config };
    for (const key of Object.keys(config)) if (key.startsWith("security.") || key === "rest.auth.token") delete config[key];
    return config;
  }

  container(name: string): Container {
    const found = this.containers.find((c) => c.name === name);
    if (!found) throw new Error(`no container ${name}`);
    return found;
  }

  /** The last lines of every container's output, for failure messages. */
  async logs(): Promise<string> {
    const parts = await Promise.all(this.containers.map(async (c) => `--- ${c.name}:\n${(await c.logs()).slice(-5000)}`));
    return parts.join("\n");
  }

  /**
   * Removes the containers, the network, ZooKeeper and the shared folder. With SLUICE_CONTAINER_LOGS
   * set to a folder, each container's whole output is kept there first (`<name>.log`): failure
   * messages carry only the last lines.
   */
  async close(): Promise<void> {
    const keep = process.env.SLUICE_CONTAINER_LOGS;
    if (keep) {
      mkdirSync(keep, { recursive: true });
      for (const c of this.containers) writeFileSync(join(keep, `${c.name}.log`), await c.logs().catch((e: Error) => `no logs: ${e.message}`));
    }
    await removeOwned();
    await this.zk?.stop();
    // Files the containers wrote belong to their user; root removes them.
    rmSync(this.dir, { recursive: true, force: true });
  }
}
