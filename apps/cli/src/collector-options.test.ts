import { loadConfig, publishedEsamKeys } from '@openami/config';
import { SoftSecurityModule } from '@openami/headend';
import { SIM_TEST_ESAM_KEY } from '@openami/sim';
import { describe, expect, it } from 'vitest';
import { collectorOptions } from './collector-options.ts';

describe('collectorOptions', () => {
  it('makes the security module from OPENAMI_ESAM_KEY, and none without it', () => {
    const config = loadConfig({ OPENAMI_ESAM_KEY: '00112233445566778899aabbccddeeff' }, 'serve');
    const options = collectorOptions(config.collectorOptions);
    expect(options.security).toBeInstanceOf(SoftSecurityModule);
    expect(options).not.toHaveProperty('esamKey');
    expect(collectorOptions(loadConfig({}, 'serve').collectorOptions).security).toBeUndefined();
  });
});

describe("the simulator's ESAM key", () => {
  it('is among the published keys that serve and collector refuse', () => {
    expect(publishedEsamKeys).toContain(SIM_TEST_ESAM_KEY.toUpperCase());
    expect(() => loadConfig({ OPENAMI_ESAM_KEY: SIM_TEST_ESAM_KEY }, 'collector')).toThrow(
      /simulator's published test key/,
    );
  });
});
