import { describe, expect, it } from 'vitest';
import { renderMessage } from './errors.ts';

describe('refusals in words (issue 22, item 20)', () => {
  it('names a meter’s states in the reader’s language, not by their codes', () => {
    const details = { from: 'removed', to: 'installed' };
    expect(renderMessage('METER_STATE', 'zh-CN', details)).toBe('电表状态不能从 已拆除 变为 已安装');
    expect(renderMessage('METER_STATE', 'en', { from: 'in_stock', to: 'removed' })).toBe(
      'A meter cannot move from in stock to removed',
    );
  });
});
