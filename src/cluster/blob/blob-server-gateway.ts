/**
 * The BlobServer's gateway: job bundles by content hash. Components call each other only through
 * gateways obtained from an RpcService (docs/architecture.md, "Components").
 */
import type { JobBundle } from "../messages.js";

export interface BlobServerGateway {
  getBundle(hash: string): JobBundle;
}
