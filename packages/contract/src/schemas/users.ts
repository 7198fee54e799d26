// Staff users, sign-in and bearer tokens, and each user's alarm e-mail.
import { Type } from '@sinclair/typebox';
import { locales, permissions, roles } from '../lists/access.ts';
import { alarmDeliveries } from '../lists/alarms.ts';
import {
  created,
  epochMs,
  id,
  idParams,
  literalUnion,
  noContent,
  nullable,
  ok,
  page,
  pageQuery,
  patchBody,
} from './common.ts';

export const user = Type.Object({
  id,
  username: Type.String(),
  displayName: Type.String(),
  role: literalUnion(roles),
  allAreas: Type.Boolean({ description: 'may act on every area; otherwise on areaIds and beneath' }),
  areaIds: Type.Array(id),
  locale: Type.String({ description: 'zh-CN or en' }),
  disabled: Type.Boolean(),
  createdAt: epochMs(),
  updatedAt: epochMs(),
});

export const signedIn = Type.Object({
  user,
  csrfToken: Type.String({ description: 'send it back as x-csrf-token on every unsafe request' }),
  expiresAt: epochMs(),
  mustEnrol: Type.Boolean({
    description:
      'the role requires a second factor the user has not got: until enrolled, only enrolment, who-am-I and sign-out answer',
  }),
});

/** Step one of a sign-in with a second factor on: the password was right, a code is owed. */
export const secondFactorDue = Type.Object({
  secondFactor: literalUnion(['totp'] as const),
  challenge: Type.String({ description: 'send it back with the code to /api/auth/login/second-factor' }),
  expiresAt: epochMs(),
});

export const secondFactorStatus = Type.Object({
  enabled: Type.Boolean({ description: 'a TOTP second factor is on' }),
  required: Type.Boolean({ description: "the user's role must have one (OPENAMI_TOTP_REQUIRED)" }),
  mustEnrol: Type.Boolean({ description: 'this session may only enrol until it has' }),
  recoveryCodesLeft: Type.Integer({ minimum: 0 }),
});

export const whoAmI = Type.Object({
  user: Type.Optional(user),
  permissions: Type.Array(literalUnion(permissions)),
  via: literalUnion(['cookie', 'bearer'] as const),
  csrfToken: Type.Optional(Type.String({ description: 'for a session cookie; none for a bearer token' })),
  secondFactor: secondFactorStatus,
  timeZone: Type.String({
    description:
      "the site's time zone (IANA name, OPENAMI_TIME_ZONE): the days reports, sales and runs count by",
  }),
});

export const totpEnrolment = Type.Object({
  secret: Type.String({ description: 'base32, shown this once: type it into the authenticator app' }),
  uri: Type.String({ description: 'the same as an otpauth:// URI' }),
});

export const bearerToken = Type.Object({
  id: Type.String({ description: 'the token hash: what revoking names' }),
  name: Type.String(),
  createdAt: epochMs(),
  expiresAt: epochMs(),
  createdFrom: Type.String({ description: 'the address it was made from' }),
});

export const authApi = {
  login: {
    body: Type.Object({
      username: Type.String({ minLength: 1, maxLength: 64 }),
      password: Type.String({ maxLength: 256 }),
    }),
    response: ok(Type.Union([signedIn, secondFactorDue])),
  },
  loginSecondFactor: {
    body: Type.Object({
      challenge: Type.String({ minLength: 1, maxLength: 100 }),
      code: Type.String({
        minLength: 1,
        maxLength: 32,
        description: 'six digits from the authenticator app, or a recovery code',
      }),
    }),
    response: ok(signedIn),
  },
  logout: { response: noContent },
  startTotp: { response: created(totpEnrolment) },
  confirmTotp: {
    body: Type.Object({ code: Type.String({ pattern: '^\\s*\\d{6}\\s*$' }) }),
    response: ok(
      Type.Object({
        recoveryCodes: Type.Array(Type.String(), { description: 'shown once; each signs in once' }),
      }),
    ),
  },
  disableTotp: {
    body: Type.Object({
      password: Type.String({ maxLength: 256 }),
      code: Type.String({ minLength: 1, maxLength: 32 }),
    }),
    response: noContent,
  },
  changePassword: {
    body: Type.Object({
      currentPassword: Type.String({ maxLength: 256 }),
      newPassword: Type.String({ minLength: 1, maxLength: 256 }),
    }),
    response: noContent,
  },
  me: { response: ok(whoAmI) },
  createToken: {
    body: Type.Object({
      name: Type.String({ minLength: 1, maxLength: 100 }),
      days: Type.Integer({ minimum: 1, maximum: 366, default: 90 }),
    }),
    response: created(
      Type.Object({ token: Type.String({ description: 'shown once' }), expiresAt: epochMs() }),
    ),
  },
  listTokens: { response: ok(Type.Array(bearerToken)) },
  revokeToken: {
    params: Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{64}$' }) }),
    response: noContent,
  },
};

const userFields = {
  displayName: Type.String({ maxLength: 100, default: '' }),
  password: Type.String({ minLength: 1, maxLength: 256 }),
  role: literalUnion(roles),
  allAreas: Type.Boolean({ default: false }),
  areaIds: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 1000, default: [] }),
  locale: literalUnion(locales, { default: 'zh-CN' }),
};

export const usersApi = {
  list: { querystring: pageQuery(['id', 'username', 'role'] as const, {}), response: ok(page(user)) },
  get: { params: idParams, response: ok(user) },
  create: {
    body: Type.Object({ username: Type.String({ pattern: '^[A-Za-z0-9_.@-]{2,64}$' }), ...userFields }),
    response: created(user),
  },
  update: {
    params: idParams,
    body: patchBody(
      Type.Object({
        ...userFields,
        disabled: Type.Boolean(),
        resetSecondFactor: Type.Literal(true, {
          description:
            "turns the user's two-step verification off (a lost phone); their sessions end and, where the role requires it, they enrol again at sign-in",
        }),
      }),
    ),
    response: ok(user),
  },
};

export const notificationPreference = Type.Object({
  userId: id,
  email: nullable(Type.String()),
  delivery: literalUnion(alarmDeliveries),
  updatedAt: nullable(epochMs()),
  updatedBy: nullable(id),
});

const preferenceBody = Type.Object({
  email: nullable(Type.String({ maxLength: 254, pattern: '^[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+$' })),
  delivery: literalUnion(alarmDeliveries),
});

export const notificationPreferencesApi = {
  getOwn: { response: ok(notificationPreference) },
  setOwn: { body: preferenceBody, response: ok(notificationPreference) },
  get: { params: idParams, response: ok(notificationPreference) },
  set: { params: idParams, body: preferenceBody, response: ok(notificationPreference) },
};
