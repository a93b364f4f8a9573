/** The version shown in the REST API and the dashboard. */
export const SLUICE_VERSION = "0.1.0";

/**
 * The Flink REST API version Sluice answers as (`flink-version` in /config and /overview): clients
 * that pick request shapes by Flink version see the one whose paths and fields Sluice serves.
 */
export const FLINK_COMPATIBILITY_VERSION = "2.2.0";
/** `flink-revision` / `flink-commit`: there is no Flink commit, so Sluice names itself. */
export const FLINK_REVISION = `sluice-${SLUICE_VERSION}`;
