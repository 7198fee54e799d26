// Who may do what: the staff roles and their permissions (kept by the domain), and the languages the API
// speaks.
export { type Permission, permissions, type Role, roles } from '@openami/domain';

/** The languages of the API's messages and of a user's pages; zh-CN is the default. */
export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];

/** The API's largest page (`limit`); lists page with `offset` and `limit`. */
export const maxPageSize = 500;
