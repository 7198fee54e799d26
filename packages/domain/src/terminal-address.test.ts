import { describe, expect, it } from 'vitest';
import { endpointsClash, terminalEndpoints } from './terminal-address.ts';

describe('terminalEndpoints', () => {
  it('puts port N of a TCP-server terminal at base port + N − 1', () => {
    expect(terminalEndpoints('tcp_server', ' Host.Example:4001 ', [1, 3])).toEqual([
      { kind: 'tcp', address: 'host.example:4001', portNo: 1 },
      { kind: 'tcp', address: 'host.example:4003', portNo: 3 },
    ]);
  });

  it('knows a dialling terminal by its registration', () => {
    expect(terminalEndpoints('tcp_client', 'REG-1', [1, 2])).toEqual([
      { kind: 'registration', address: 'REG-1', portNo: null },
    ]);
  });

  it('has no endpoints for an address that is not host:port or a port beyond 65535', () => {
    expect(terminalEndpoints('tcp_server', 'nowhere', [1])).toBeUndefined();
    expect(terminalEndpoints('tcp_server', 'h:0', [1])).toBeUndefined();
    expect(terminalEndpoints('tcp_server', 'h:65535', [1, 2])).toBeUndefined();
    expect(terminalEndpoints('tcp_server', 'h:65535', [1])).toHaveLength(1);
  });
});

describe('endpointsClash', () => {
  const registration = (address: string) => ({ kind: 'registration' as const, address, portNo: null });
  it('finds registrations one of which begins the other, compared as the bytes sent', () => {
    expect(endpointsClash(registration('DTU1'), registration('DTU10'))).toBe(true);
    expect(endpointsClash(registration('DTU10'), registration('DTU1'))).toBe(true);
    expect(endpointsClash(registration('DTU1'), registration('DTU1'))).toBe(true);
    expect(endpointsClash(registration('DTU1'), registration('hex:44 54 55 31 30'))).toBe(true);
    expect(endpointsClash(registration('DTU01'), registration('DTU10'))).toBe(false);
  });

  it('finds one TCP address, never a TCP address against a registration', () => {
    const tcp = (address: string) => ({ kind: 'tcp' as const, address, portNo: 1 });
    expect(endpointsClash(tcp('h:4001'), tcp('h:4001'))).toBe(true);
    expect(endpointsClash(tcp('h:4001'), tcp('h:40010'))).toBe(false);
    expect(endpointsClash(tcp('h:4001'), registration('h:4001'))).toBe(false);
  });
});
