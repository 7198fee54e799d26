import { loadConfig } from '@openami/config';
import { SoftSecurityModule } from '@openami/headend';
import { describe, expect, it } from 'vitest';
import { collectorOptions } from './collector-options.ts';

describe('collectorOptions', () => {
  it('makes the security module from OPENAMI_ESAM_KEY, and none without it', () => {
    const config = loadConfig({ OPENAMI_ESAM_KEY: '0123456789abcdeffedcba9876543210' }, 'serve');
    const options = collectorOptions(config.collectorOptions);
    expect(options.security).toBeInstanceOf(SoftSecurityModule);
    expect(options).not.toHaveProperty('esamKey');
    expect(collectorOptions(loadConfig({}, 'serve').collectorOptions).security).toBeUndefined();
  });
});
