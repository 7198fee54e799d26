// The 安全认证 verbs of `openami 645 encode` (control code 03H, Q/GDW 1365-2013): identity authentication,
// opening an account and topping up a local fee-control meter. The ciphertexts and MACs come from the
// station's encryptor; these verbs only put them in a frame.
import { requestFrame2007 } from '@openami/protocol';
import { InputError, parseHexCode, parseOperatorCode, parseWhole, parseYuanAsFen } from './dlt645-inputs.ts';
import { ADDRESS_EXAMPLE, address, type Verb } from './dlt645-verb.ts';

export const SECURITY_VERBS: readonly Verb[] = [
  {
    name: 'auth',
    code: '03H 070000FF',
    usage: 'auth <address> --ciphertext 16HEX --random 16HEX [--diversifier 16HEX] [--operator CCCCCCCC]',
    summary: 'identity authentication (身份认证) with the encryptor’s ciphertext 1 and random 1',
    example: `auth ${ADDRESS_EXAMPLE} --ciphertext 0102030405060708 --random 1112131415161718`,
    editions: ['2007'],
    build: (request) => {
      const target = address(request);
      const { options } = request;
      return requestFrame2007({
        kind: 'security',
        address: target,
        operatorCode: parseOperatorCode(options.operator),
        command: 'identity-auth',
        ciphertext: parseHexCode(options.ciphertext, '--ciphertext', 16),
        random: parseHexCode(options.random, '--random', 16),
        diversifier:
          options.diversifier === undefined
            ? `0000${target}`
            : parseHexCode(options.diversifier, '--diversifier', 16),
      });
    },
  },
  ...(['open-account', 'recharge'] as const).map(
    (command): Verb => ({
      name: command,
      code: command === 'recharge' ? '03H 070102FF' : '03H 070101FF',
      usage: `${command} <address> --amount YUAN --count N --mac1 8HEX --customer DIGITS --mac2 8HEX [--operator CCCCCCCC]`,
      summary:
        command === 'recharge'
          ? 'top up a local fee-control meter (充值), after auth, with the encryptor’s MACs'
          : 'open the account (开户): bind the customer number, with the first purchase',
      example: `${command} ${ADDRESS_EXAMPLE} --amount 100.00 --count 2 --mac1 A1B2C3D4 --customer 1234 --mac2 0A0B0C0D`,
      editions: ['2007'],
      build: (request) => {
        const { options } = request;
        const customer = (options.customer ?? '').trim();
        if (!/^\d{1,12}$/.test(customer))
          throw new InputError('--customer takes the customer number, up to 12 digits');
        return requestFrame2007({
          kind: 'security',
          address: address(request),
          operatorCode: parseOperatorCode(options.operator),
          command,
          amountFen: parseYuanAsFen(options.amount, '--amount'),
          purchaseCount: parseWhole(options.count, '--count', 0, 0xffffffff),
          mac1: parseHexCode(options.mac1, '--mac1', 8),
          customerNumber: customer.padStart(12, '0'),
          mac2: parseHexCode(options.mac2, '--mac2', 8),
        });
      },
    }),
  ),
];
