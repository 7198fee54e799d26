import { formatExactFen, formatExactYuan, formatKwh, formatPriceYuanPerKwh, formatYuan } from './price.ts';
import type { Priced, PricedLine } from './pricing.ts';
import { periodNamesZh } from './tariff.ts';

export type ExplainLocale = 'zh-CN' | 'en';

/**
 * The explanation printed on a receipt and shown in a dispute: one sentence per line of the price, then the
 * total with its rounding. Amounts are exact yuan (trailing zeros trimmed), so anyone can redo the sums by
 * hand, in the unit the customer pays in.
 */
export function explainPriced(priced: Priced, locale: ExplainLocale): string[] {
  const sentences = priced.lines.map((line) => explainLine(line, locale));
  const exact = formatExactYuan(priced.exactE7Fen);
  const total = formatYuan(priced.amountFen);
  sentences.push(
    locale === 'zh-CN'
      ? `合计 ${formatKwh(priced.energyWh)} kWh，精确金额 ${exact} 元，四舍五入到分：${total} 元`
      : `Total ${formatKwh(priced.energyWh)} kWh, exactly ${exact} yuan, rounded half up to 0.01 yuan: ${total} yuan`,
  );
  return sentences;
}

function explainLine(line: PricedLine, locale: ExplainLocale): string {
  const zh = locale === 'zh-CN';
  const energy = `${formatKwh(line.energyWh)} kWh`;
  const amount = `${formatExactYuan(line.exactE7Fen)} ${zh ? '元' : 'yuan'}`;
  switch (line.kind) {
    case 'flat':
      return `${zh ? '单一电价' : 'Flat price'}: ${energy} × ${yuanPerKwh(line.priceE4FenPerKwh, locale)} = ${amount}`;
    case 'tier': {
      const stretch = `${formatKwh(line.fromWh)}–${formatKwh(line.toWh)} kWh`;
      return zh
        ? `第${line.tier}档（周期累计 ${stretch}）: ${energy} × ${yuanPerKwh(line.priceE4FenPerKwh, locale)} = ${amount}`
        : `Tier ${line.tier} (cycle energy ${stretch}): ${energy} × ${yuanPerKwh(line.priceE4FenPerKwh, locale)} = ${amount}`;
    }
    case 'period': {
      const name = zh ? `${periodNamesZh[line.period]}时段` : `${line.period} period`;
      const advance = line.advance
        ? zh
          ? '（预购电量按此时段电价计）'
          : ' (energy bought in advance is priced at this period)'
        : '';
      return `${name}${advance}: ${energy} × ${yuanPerKwh(line.priceE4FenPerKwh, locale)} = ${amount}`;
    }
    case 'surcharge': {
      const stretch = `${formatKwh(line.fromWh)}–${formatKwh(line.toWh)} kWh`;
      return zh
        ? `第${line.tier}档加价（周期累计 ${stretch}）: ${energy} × ${yuanPerKwh(line.surchargeE4FenPerKwh, locale)} = ${amount}`
        : `Tier ${line.tier} surcharge (cycle energy ${stretch}): ${energy} × ${yuanPerKwh(line.surchargeE4FenPerKwh, locale)} = ${amount}`;
    }
  }
}

function yuanPerKwh(priceE4FenPerKwh: number, locale: ExplainLocale): string {
  return `${trimZeros(formatPriceYuanPerKwh(priceE4FenPerKwh))} ${locale === 'zh-CN' ? '元' : 'yuan'}/kWh`;
}

/** Drops trailing zeros after the point, keeping two decimals. */
function trimZeros(decimal: string): string {
  return decimal.replace(/(\.\d{2}\d*?)0+$/, '$1');
}

/** A priced result as JSON can carry it: bigints become exact decimal strings in fen. */
export function pricedToJson(priced: Priced) {
  return {
    energyWh: priced.energyWh,
    amountFen: priced.amountFen,
    exactFen: formatExactFen(priced.exactE7Fen),
    roundingFen: formatExactFen(priced.roundingE7Fen),
    lines: priced.lines.map(({ exactE7Fen, ...line }) => ({ ...line, exactFen: formatExactFen(exactE7Fen) })),
  };
}
export type PricedJson = ReturnType<typeof pricedToJson>;
