/**
 * The resource provider named by `resourcemanager.provider` (standalone, the default, or process).
 */
import { ConfigurationError, type Configuration } from "../../config/configuration.js";
import type { Logger } from "../../util/logger.js";
import { ProcessResourceProvider } from "./process-resource-provider.js";
import { readOption } from "../../config/config-option.js";
import { ResourceManagerOptions } from "./resource-manager-options.js";
import { ResourceProviderOptions, type ResourceProvider } from "./resource-provider.js";
import { StandaloneResourceProvider } from "./standalone-resource-provider.js";

export interface ResourceProviderContext {
  /** tcp://host:port where the TaskManagers it starts register. */
  jobManagerAddress: string;
  logger: Logger;
}

export function createResourceProvider(config: Configuration, context: ResourceProviderContext): ResourceProvider {
  const type = readOption(config, ResourceManagerOptions.PROVIDER);
  switch (type) {
    case "standalone":
      return new StandaloneResourceProvider(config);
    case "process":
      return new ProcessResourceProvider({ config, jobManagerAddress: context.jobManagerAddress, logger: context.logger });
    case "kubernetes":
      throw new ConfigurationError(
        `${ResourceProviderOptions.PROVIDER}: kubernetes is designed (docs/deployment.md) but has no API client in this build; ` +
          "run TaskManagers as a Deployment with the standalone provider, or use process",
      );
  }
}
