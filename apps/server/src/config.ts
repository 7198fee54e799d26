import { type Config, ConfigError, type Environment, loadConfig, type ReadFile } from '@openami/config';

export { ConfigError };

/**
 * What `openami serve` runs with: the configuration as `@openami/config` declares and reads it. The server
 * takes plain values; what they make (the collector's security module, the notification channels) is built
 * by the caller that composes the process (`apps/cli/src/commands/serve-parts.ts`).
 */
export type ServerConfig = Config;

/** The settings `openami serve` reads; a `ConfigError` lists every bad one. */
export function parseConfig(env: Environment, readFile?: ReadFile): ServerConfig {
  return loadConfig(env, 'serve', readFile);
}
