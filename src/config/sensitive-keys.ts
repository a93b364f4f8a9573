/**
 * Configuration values that must never leave the process through the REST API (/jobmanager/config)
 * or into a job's definition inputs: the REST token, cluster secrets, passwords, private keys.
 * The key patterns follow Flink's GlobalConfiguration.SENSITIVE_KEYS.
 */
const SENSITIVE = ["password", "secret", "token", "apikey", "api-key", "auth-params", "service-key", "basic-auth", "jaas.config", "private-key", "ssl.rest.key", "ssl.internal.key"];

export const HIDDEN_VALUE = "******";

export function isSensitiveKey(key: string): boolean {
  const k = key.toLowerCase();
  return SENSITIVE.some((s) => k.includes(s));
}

export function redactConfig(config: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, isSensitiveKey(k) ? HIDDEN_VALUE : v]));
}

/** The configuration without sensitive entries (what a client may send along with a job). */
export function withoutSensitive(config: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(config).filter(([k]) => !isSensitiveKey(k)));
}
