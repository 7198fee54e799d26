export * from './link/backoff.ts';
export * from './link/bus.ts';
export type { ByteChannel } from './link/channel.ts';
export * from './link/dial-in-server.ts';
export * from './link/exchange-error.ts';
export * from './link/meter-client.ts';
export * from './link/serial-channel.ts';
export * from './link/tcp-client-channel.ts';
