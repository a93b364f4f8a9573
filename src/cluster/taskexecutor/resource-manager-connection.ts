/**
 * A TaskExecutor's connection to the ResourceManager leader (docs/architecture.md, "Components"):
 * registration with backoff until it works, re-registration when the connection is lost or the
 * ResourceManager stops asking for heartbeats, and leader following. The JobManager's components
 * lead together under one leader session, so the session of the ResourceManager followed is also
 * the one JobMasters must hold: a slot request or deployment with an older token is stale.
 */
import { hostname, availableParallelism, totalmem } from "node:os";
import { ENDPOINTS } from "../endpoints.js";
import type { HeartbeatSettings } from "../heartbeat.js";
import type { SlotReport, TaskExecutorRegistration } from "../messages.js";
import type { ResourceManagerGateway } from "../resourcemanager/resource-manager-gateway.js";
import { FencingTokenMismatchError, RpcAuthenticationError, type RemoteGateway, type RpcService } from "../rpc/interface.js";
import type { Clock, Timer } from "../../util/clock.js";
import type { Logger } from "../../util/logger.js";
import { HeartbeatWatch } from "./heartbeat-watch.js";

export interface LeaderAddress {
  address: string;
  sessionId: string;
}

/** The id of the ResourceManager in the heartbeat watch. */
const RESOURCE_MANAGER = "resourcemanager";
const INITIAL_BACKOFF_MS = 50;
const MAX_BACKOFF_MS = 2000;

export interface ResourceManagerConnectionOptions {
  rpc: RpcService;
  clock: Clock;
  log: Logger;
  heartbeat: HeartbeatSettings;
  /** Where the ResourceManager leader is (fixed, or from leader retrieval). */
  leader: () => Promise<LeaderAddress>;
  /** This TaskExecutor as it registers, with its current slot report. */
  registration: () => TaskExecutorRegistration;
  /** Called with each leader session followed, before registering with it. */
  onLeaderSession: (leader: LeaderAddress) => void;
  /** The ResourceManager refused this TaskExecutor for good (a wrong cluster secret). */
  onFatalError?: (error: Error) => void;
}

/** This host's hardware, as the registration reports it. */
export function localHardware(): Pick<TaskExecutorRegistration, "host" | "hardware"> {
  return { host: hostname(), hardware: { cpuCores: availableParallelism(), memoryBytes: totalmem() } };
}

export class ResourceManagerConnection {
  private rm: RemoteGateway<ResourceManagerGateway> | undefined;
  private readonly heartbeats: HeartbeatWatch;
  private stopped = false;
  private registering: Promise<void> | undefined;
  /** Wakes the registration loop from its backoff pause (the leader changed). */
  private wakeRegistration: (() => void) | undefined;
  /** The ResourceManager leader registered with (or being registered with). */
  private leader: LeaderAddress | undefined;

  constructor(private readonly options: ResourceManagerConnectionOptions) {
    this.heartbeats = new HeartbeatWatch(options.clock, options.heartbeat, () => {
      options.log.warn("no heartbeat from the ResourceManager within the timeout; registering again");
      this.heartbeats.heard(RESOURCE_MANAGER);
      void this.register();
    });
  }

  /** Registers, and from then on re-registers when the ResourceManager stops asking for heartbeats. */
  async start(): Promise<void> {
    await this.register();
    if (this.stopped) return;
    this.heartbeats.heard(RESOURCE_MANAGER);
    this.heartbeats.start();
  }

  /** Whether the TaskExecutor is registered at a ResourceManager right now. */
  get isRegistered(): boolean {
    return this.rm !== undefined && this.rm.connected;
  }

  /** The leader session followed, if any. */
  get leaderSession(): string | undefined {
    return this.leader?.sessionId;
  }

  heartbeatReceived(): void {
    this.heartbeats.heard(RESOURCE_MANAGER);
  }

  /** Rejects a leader-bound request carrying a token other than the current leader session's. */
  checkLeaderToken(token: string | undefined, what: string): void {
    const session = this.leader?.sessionId;
    if (token === undefined || session === undefined || token === session) return;
    this.options.log.warn(`rejected ${what} from a stale leader (session ${token.slice(0, 8)}, current ${session.slice(0, 8)})`);
    throw new FencingTokenMismatchError(`${what}: fencing token ${token} is stale, the current leader session is ${session}`);
  }

  /** Tells the ResourceManager at once (a slot was freed and can be reused without waiting for a heartbeat). */
  reportSlots(taskManagerId: string, report: SlotReport): void {
    this.rm?.gateway.heartbeatFromTaskExecutor(taskManagerId, report).catch((e: Error) => {
      this.options.log.debug(`slot report to the ResourceManager failed: ${e.message}; its next heartbeat asks again`);
    });
  }

  /**
   * Leader retrieval reports a (possibly) new ResourceManager leader. When it differs from the one
   * registered with, register with the new one at once instead of waiting for the old connection
   * to fail or its heartbeats to time out (a frozen old leader keeps its connections open).
   */
  leaderChanged(leader: LeaderAddress | null): void {
    if (this.stopped || !leader) return;
    const current = this.leader;
    if (current && current.address === leader.address && current.sessionId === leader.sessionId && (this.registering || this.isRegistered)) return;
    this.options.log.info(`ResourceManager leader is now ${leader.address} (session ${leader.sessionId.slice(0, 8)}); registering with it`);
    this.follow(leader);
    if (this.registering) {
      this.wakeRegistration?.();
      return;
    }
    this.rm?.close();
    this.rm = undefined;
    void this.register();
  }

  stop(): void {
    this.stopped = true;
    this.heartbeats.stop();
    this.wakeRegistration?.();
    this.rm?.close();
  }

  private follow(leader: LeaderAddress): void {
    this.leader = leader;
    this.options.onLeaderSession(leader);
  }

  /** Registers with the current ResourceManager leader, retrying with backoff until it works. */
  private register(): Promise<void> {
    if (this.registering) return this.registering;
    this.registering = this.registrationLoop().finally(() => (this.registering = undefined));
    return this.registering;
  }

  private async registrationLoop(): Promise<void> {
    const { rpc, log } = this.options;
    let backoff = INITIAL_BACKOFF_MS;
    let lastFailure: string | undefined;
    while (!this.stopped) {
      try {
        const leader = await this.options.leader();
        this.follow(leader);
        this.rm?.close();
        const rm = await rpc.connect<ResourceManagerGateway>(leader.address, ENDPOINTS.resourceManager, { fencingToken: leader.sessionId });
        rm.onDisconnect(() => {
          if (this.rm === rm && !this.stopped) {
            log.warn("connection to the ResourceManager lost; registering again");
            void this.register();
          }
        });
        await rm.gateway.registerTaskExecutor(this.options.registration());
        if (this.stopped) {
          rm.close();
          return;
        }
        this.rm = rm;
        this.heartbeats.heard(RESOURCE_MANAGER);
        log.info(`registered at the ResourceManager ${leader.address}`);
        // Leader retrieval reported another leader meanwhile: this one is stale, register again.
        if (this.leader && this.leader.sessionId !== leader.sessionId) continue;
        return;
      } catch (e) {
        if (e instanceof RpcAuthenticationError) {
          log.error(`the ResourceManager refused this TaskManager: ${e.message}`);
          this.options.onFatalError?.(e);
          return;
        }
        // Say it once at warning level (a JobManager not up yet, or a TLS mismatch, should be
        // visible), then quietly keep retrying until the cause changes.
        const message = (e as Error).message;
        if (message !== lastFailure) log.warn(`registration at the ResourceManager failed: ${message}; retrying`);
        else log.debug(`registration failed: ${message}; retrying in ${backoff} ms`);
        lastFailure = message;
        await this.pause(backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
  }

  /** Waits `ms`, or less when the leader changes meanwhile. */
  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      let timer: Timer | undefined;
      const wake = (): void => {
        timer?.cancel();
        this.wakeRegistration = undefined;
        resolve();
      };
      timer = this.options.clock.setTimeout(wake, ms);
      this.wakeRegistration = wake;
    });
  }
}
