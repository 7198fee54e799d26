// The site's calendar (OPENAMI_TIME_ZONE, `timeZone` of `/api/auth/me`), kept by the domain: clients ask for
// the site's days with the same arithmetic the server counts them by.
export { addDays, fromLocal, localDate } from '@openami/domain';
