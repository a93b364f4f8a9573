/**
 * The server side shared by both transports: the endpoints a service serves, method lookup, fencing
 * checks, and answering in-flight calls when an endpoint closes. Keeping it in one place is what makes
 * the in-process and the TCP transport reject exactly the same calls with exactly the same errors.
 */
import {
  FencingTokenMismatchError,
  RpcEndpointNotFoundError,
  RpcMethodNotFoundError,
  type ServeOptions,
  type ServedEndpoint,
} from "./interface.js";

interface Endpoint {
  readonly impl: object;
  readonly fencingToken?: () => string | undefined;
  /** Rejecters of calls still running in this endpoint, so close() can answer them at once. */
  readonly inFlight: Set<(error: Error) => void>;
}

export class EndpointTable {
  private readonly endpoints = new Map<string, Endpoint>();

  private readonly describeOwner: () => string;

  /**
   * @param owner the serving service's address for error messages; a function when the address is
   *   known only later (a TCP service learns its port when it starts listening).
   */
  constructor(owner: string | (() => string)) {
    this.describeOwner = typeof owner === "string" ? () => owner : owner;
  }

  private get owner(): string {
    return this.describeOwner();
  }

  has(name: string): boolean {
    return this.endpoints.has(name);
  }

  serve(name: string, impl: object, options: ServeOptions = {}): ServedEndpoint {
    if (this.endpoints.has(name)) {
      throw new Error(`endpoint "${name}" is already served at ${this.owner}`);
    }
    const endpoint: Endpoint = { impl, fencingToken: options.fencingToken, inFlight: new Set() };
    this.endpoints.set(name, endpoint);
    return {
      name,
      close: () => this.closeEndpoint(name, endpoint),
    };
  }

  /**
   * Invokes `method` synchronously (so calls run in arrival order) and returns its eventual result.
   * Rejects with RpcEndpointNotFoundError, RpcMethodNotFoundError, FencingTokenMismatchError or
   * whatever the method throws.
   */
  invoke(name: string, method: string, args: unknown[], token: string | undefined): Promise<unknown> {
    const endpoint = this.endpoints.get(name);
    if (!endpoint) {
      return Promise.reject(new RpcEndpointNotFoundError(`no endpoint "${name}" at ${this.owner}`));
    }
    const fn = lookupMethod(endpoint.impl, method);
    if (!fn) {
      return Promise.reject(
        new RpcMethodNotFoundError(`endpoint "${name}" at ${this.owner} has no method "${method}"`),
      );
    }
    if (endpoint.fencingToken) {
      const expected = endpoint.fencingToken();
      if (expected === undefined || token !== expected) {
        return Promise.reject(
          new FencingTokenMismatchError(
            `fencing token mismatch calling ${name}.${method} at ${this.owner}: expected ` +
              `${expected ?? "none (endpoint is not leading)"}, got ${token ?? "none"}`,
          ),
        );
      }
    }
    return new Promise<unknown>((resolve, reject) => {
      const settle = (error: Error): void => reject(error);
      endpoint.inFlight.add(settle);
      const done = (): void => void endpoint.inFlight.delete(settle);
      try {
        Promise.resolve(fn.apply(endpoint.impl, args)).then(
          (value) => (done(), resolve(value)),
          (error: unknown) => (done(), reject(error)),
        );
      } catch (error) {
        done();
        reject(error);
      }
    });
  }

  closeAll(): void {
    for (const [name, endpoint] of [...this.endpoints]) this.closeEndpoint(name, endpoint);
  }

  private closeEndpoint(name: string, endpoint: Endpoint): void {
    if (this.endpoints.get(name) !== endpoint) return; // already closed (close() is idempotent)
    this.endpoints.delete(name);
    const error = new RpcEndpointNotFoundError(`endpoint "${name}" at ${this.owner} was closed`);
    for (const reject of endpoint.inFlight) reject(error);
    endpoint.inFlight.clear();
  }
}

/**
 * Only real methods of the implementation are callable: nothing inherited from Object.prototype
 * (constructor, toString, __proto__, …), so a remote peer cannot reach into the object's plumbing.
 */
function lookupMethod(impl: object, method: string): ((...args: unknown[]) => unknown) | undefined {
  if (method === "constructor" || Object.prototype.hasOwnProperty.call(Object.prototype, method)) {
    return undefined;
  }
  const candidate: unknown = (impl as Record<string, unknown>)[method];
  return typeof candidate === "function" ? (candidate as (...args: unknown[]) => unknown) : undefined;
}
