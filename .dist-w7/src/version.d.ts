/** The version shown in the REST API and the dashboard. */
export declare const SLUICE_VERSION = "0.1.0";
