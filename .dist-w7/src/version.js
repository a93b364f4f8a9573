/** The version shown in the REST API and the dashboard. */
export const SLUICE_VERSION = "0.1.0";
//# sourceMappingURL=version.js.map