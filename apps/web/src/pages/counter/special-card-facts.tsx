import { Descriptions } from 'antd';
import type { TFunction } from 'i18next';
import type { SpecialFacts } from './special-cards.ts';

/**
 * What a special card holds, as items of a `Descriptions` (called, not rendered as a component, so that the
 * list sees the items): the preset energy, the clear card's area and meter, the readings carried.
 */
export function specialFactItems(t: TFunction, facts: SpecialFacts | undefined) {
  switch (facts?.kind) {
    case undefined:
      return null;
    case 'preset':
      return (
        <Descriptions.Item label={t('counterCards.card.presetKwh')}>{facts.presetKwh} kWh</Descriptions.Item>
      );
    case 'clear':
      return (
        <>
          <Descriptions.Item label={t('counterCards.card.areaCode')}>{facts.areaCode}</Descriptions.Item>
          <Descriptions.Item label={t('counterCards.card.meterNo')}>
            {facts.meterNo === '' ? t('counterCards.card.general') : facts.meterNo}
          </Descriptions.Item>
        </>
      );
    case 'check':
    case 'meter_reading':
      return (
        <Descriptions.Item label={t('counterCards.card.readings')}>
          {t('counterCards.card.readingsText', { count: facts.readings })}
        </Descriptions.Item>
      );
  }
}
