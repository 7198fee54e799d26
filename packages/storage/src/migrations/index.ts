import type { Migration } from 'kysely';
import * as areas from './20261122T0001_areas.ts';
import * as terminals from './20261122T0002_terminals.ts';
import * as meterTypes from './20261122T0003_meter_types.ts';
import * as priceTypes from './20261122T0004_price_types.ts';
import * as meters from './20261122T0005_meters.ts';
import * as customers from './20261122T0006_customers.ts';
import * as accounts from './20261122T0007_accounts.ts';
import * as users from './20261122T0008_users.ts';
import * as auditLog from './20261122T0009_audit_log.ts';
import * as readings from './20261122T0010_readings.ts';
import * as readingRollups from './20261122T0011_reading_rollups.ts';
import * as collection from './20261201T0001_collection.ts';
import * as readingPlans from './20261201T0002_reading_plans.ts';
import * as alarms from './20261201T0003_alarms.ts';
import * as notifications from './20261201T0004_notifications.ts';
import * as tariffVersions from './20261201T0101_tariff_versions.ts';
import * as vendingLedger from './20261201T0102_vending_ledger.ts';
import * as notificationPreferences from './20261201T0201_notification_preferences.ts';
import * as notificationHolds from './20261201T0202_notification_holds.ts';
import * as alarmRules from './20261201T0301_alarm_rules.ts';
import * as cardTransfers from './20261201T0501_card_transfers.ts';
import * as auditHeadPrevHash from './20261201T0601_audit_head_prev_hash.ts';
import * as readingEnergyReceivedAt from './20261201T0602_reading_energy_received_at.ts';
import * as residentCodes from './20261201T0701_resident_codes.ts';
import * as residentSessions from './20261201T0702_resident_sessions.ts';
import * as accountBalances from './20261201T0801_account_balances.ts';
import * as specialCards from './20261202T0901_special_cards.ts';
import * as cardReadings from './20261202T0902_card_readings.ts';
import * as readingEnergySource from './20261202T0903_reading_energy_source.ts';
import * as reasonCodes from './20261202T1001_reason_codes.ts';
import * as runDetailCodes from './20261202T1002_run_detail_codes.ts';
import * as cardReplacements from './20261207T2201_card_replacements.ts';
import * as signInFailures from './20261208T0101_sign_in_failures.ts';
import * as sessionStage from './20261208T0102_session_stage.ts';
import * as userTotp from './20261208T0103_user_totp.ts';
import * as signInChallenges from './20261208T0104_sign_in_challenges.ts';
import * as auditKeyedFrom from './20261208T0201_audit_keyed_from.ts';
import * as vendingApprovals from './20261208T0301_vending_approvals.ts';
import * as concentrators from './20261208T0401_concentrators.ts';

/**
 * Every migration, in order. Names are timestamps; a landed migration is never edited, a change is a new
 * entry at the end. The same list runs on SQLite and PostgreSQL.
 */
export const migrations: Readonly<Record<string, Migration>> = {
  '20261122T0001_areas': areas,
  '20261122T0002_terminals': terminals,
  '20261122T0003_meter_types': meterTypes,
  '20261122T0004_price_types': priceTypes,
  '20261122T0005_meters': meters,
  '20261122T0006_customers': customers,
  '20261122T0007_accounts': accounts,
  '20261122T0008_users': users,
  '20261122T0009_audit_log': auditLog,
  '20261122T0010_readings': readings,
  '20261122T0011_reading_rollups': readingRollups,
  '20261201T0001_collection': collection,
  '20261201T0002_reading_plans': readingPlans,
  '20261201T0003_alarms': alarms,
  '20261201T0004_notifications': notifications,
  '20261201T0101_tariff_versions': tariffVersions,
  '20261201T0102_vending_ledger': vendingLedger,
  '20261201T0201_notification_preferences': notificationPreferences,
  '20261201T0202_notification_holds': notificationHolds,
  '20261201T0301_alarm_rules': alarmRules,
  '20261201T0501_card_transfers': cardTransfers,
  '20261201T0601_audit_head_prev_hash': auditHeadPrevHash,
  '20261201T0602_reading_energy_received_at': readingEnergyReceivedAt,
  '20261201T0701_resident_codes': residentCodes,
  '20261201T0702_resident_sessions': residentSessions,
  '20261201T0801_account_balances': accountBalances,
  '20261202T0901_special_cards': specialCards,
  '20261202T0902_card_readings': cardReadings,
  '20261202T0903_reading_energy_source': readingEnergySource,
  '20261202T1001_reason_codes': reasonCodes,
  '20261202T1002_run_detail_codes': runDetailCodes,
  '20261207T2201_card_replacements': cardReplacements,
  '20261208T0101_sign_in_failures': signInFailures,
  '20261208T0102_session_stage': sessionStage,
  '20261208T0103_user_totp': userTotp,
  '20261208T0104_sign_in_challenges': signInChallenges,
  '20261208T0201_audit_keyed_from': auditKeyedFrom,
  '20261208T0301_vending_approvals': vendingApprovals,
  '20261208T0401_concentrators': concentrators,
};
