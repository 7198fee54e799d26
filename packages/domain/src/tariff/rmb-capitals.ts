/**
 * An amount of money in Chinese capitals (大写金额), as receipts and invoices print it beside the figures so
 * that neither can be altered alone. The rules are those of the People's Bank of China's 《支付结算办法》
 * (附件 "正确填写票据和结算凭证的基本规定"):
 * - digits 壹贰叁肆伍陆柒捌玖, units 拾佰仟 within a group of four, groups 万 亿 and 万亿, then 元角分;
 * - an amount that ends at 元 ends with 整; one with 角 or 分 does not;
 * - zeros between non-zero digits are written as one 零 however many there are (¥1 010 壹仟零壹拾元,
 *   ¥107 000 壹拾万零柒仟元); zeros at the end of the yuan are not written;
 * - 角 zero and 分 not: 零 after 元 (¥325.04 叁佰贰拾伍元零肆分); 元 zero and 角 not: no 零 (the rules allow
 *   either; ¥1 680.32 壹仟陆佰捌拾元叁角贰分);
 * - less than a yuan: no 元 at all (¥0.52 伍角贰分); nothing at all: 零元整;
 * - 拾 keeps its 壹 (¥10 壹拾元整), as the rules require of amounts that may not be altered.
 */
const digits = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const;
const inGroup = ['', '拾', '佰', '仟'] as const;
const groups = ['', '万', '亿', '万'] as const;
/** The largest yuan the four groups can name: 10¹⁶ − 1. */
const maxYuan = 10n ** 16n - 1n;

/** `amountFen` in capitals; a negative amount is preceded by 负. */
export function rmbCapitals(amountFen: number): string {
  if (!Number.isSafeInteger(amountFen)) throw new RangeError(`not a whole number of fen: ${amountFen}`);
  if (amountFen < 0) return `负${rmbCapitals(-amountFen)}`;
  const fen = BigInt(amountFen);
  const yuan = fen / 100n;
  if (yuan > maxYuan) throw new RangeError(`too large to write in capitals: ${amountFen} fen`);
  const jiao = Number((fen / 10n) % 10n);
  const cents = Number(fen % 10n);
  if (yuan === 0n) {
    if (jiao === 0 && cents === 0) return '零元整';
    return `${jiao === 0 ? '' : `${digits[jiao]}角`}${cents === 0 ? '' : `${digits[cents]}分`}`;
  }
  const whole = `${yuanInCapitals(yuan.toString())}元`;
  if (jiao === 0 && cents === 0) return `${whole}整`;
  if (jiao === 0) return `${whole}零${digits[cents]}分`;
  return `${whole}${digits[jiao]}角${cents === 0 ? '' : `${digits[cents]}分`}`;
}

/** A positive whole number of yuan, in decimal digits, in capitals without its 元. */
function yuanInCapitals(decimal: string): string {
  let text = '';
  let zeroPending = false;
  let groupHasDigit = false;
  for (let i = 0; i < decimal.length; i++) {
    const place = decimal.length - 1 - i;
    const digit = Number(decimal[i]);
    if (digit === 0) {
      zeroPending = true;
    } else {
      if (zeroPending) text += '零';
      zeroPending = false;
      groupHasDigit = true;
      text += `${digits[digit]}${inGroup[place % 4]}`;
    }
    if (place % 4 === 0) {
      // A group with no digit of its own names no 万 or 亿: its zeros join the next 零. The fourth group is
      // 万 of 亿 (壹万贰仟亿), so it says 亿 itself only when the 亿 group has no digit to say it.
      if (groupHasDigit) {
        text += groups[place / 4];
        if (place === 12 && /^0{4}$/.test(decimal.slice(i + 1, i + 5))) text += '亿';
      }
      groupHasDigit = false;
    }
  }
  return text;
}
