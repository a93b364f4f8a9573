/** The server's dashboard settings (/config): refresh interval, features, version. */
import { createContext, useContext } from "react";

export interface DashboardConfig {
  refreshMs: number;
  version: string;
  webSubmit: boolean;
  webCancel: boolean;
  timezone: string;
}

export const DEFAULT_CONFIG: DashboardConfig = { refreshMs: 3000, version: "", webSubmit: true, webCancel: true, timezone: "" };

export const DashboardConfigContext = createContext<DashboardConfig>(DEFAULT_CONFIG);

export function useDashboardConfig(): DashboardConfig {
  return useContext(DashboardConfigContext);
}
