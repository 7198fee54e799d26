import type { AppServices } from '../context.ts';
import { accountRoutes } from './accounts.ts';
import { alarmRoutes } from './alarms.ts';
import { archiveRoutes } from './archives.ts';
import { areaRoutes } from './areas.ts';
import { auditRoutes } from './audit.ts';
import { authRoutes } from './auth.ts';
import { collectionRoutes } from './collection.ts';
import { concentratorRoutes } from './concentrators.ts';
import { customerRoutes } from './customers.ts';
import { healthRoutes } from './health.ts';
import { ledgerRoutes } from './ledger.ts';
import { meterTypeRoutes } from './meter-types.ts';
import { meterRoutes } from './meters.ts';
import { monitoringRoutes } from './monitoring.ts';
import { notificationPreferenceRoutes } from './notification-preferences.ts';
import { priceTypeRoutes } from './price-types.ts';
import { reportRoutes } from './reports.ts';
import { residentRoutes } from './resident.ts';
import type { RouteSettings, TypedApp } from './route-deps.ts';
import { terminalRoutes } from './terminals.ts';
import { userRoutes } from './users.ts';
import { vendingRoutes } from './vending.ts';
import { vendingApprovalRoutes } from './vending-approvals.ts';
import { vendingCardRoutes } from './vending-cards.ts';
import { vendingRecordRoutes } from './vending-records.ts';

export async function registerRoutes(
  app: TypedApp,
  services: AppServices,
  settings: RouteSettings,
): Promise<void> {
  const deps = { app, services, settings };
  for (const routes of [
    authRoutes,
    areaRoutes,
    terminalRoutes,
    concentratorRoutes,
    meterTypeRoutes,
    priceTypeRoutes,
    meterRoutes,
    archiveRoutes,
    customerRoutes,
    accountRoutes,
    userRoutes,
    notificationPreferenceRoutes,
    auditRoutes,
    collectionRoutes,
    alarmRoutes,
    monitoringRoutes,
    vendingRoutes,
    vendingRecordRoutes,
    vendingCardRoutes,
    vendingApprovalRoutes,
    ledgerRoutes,
    residentRoutes,
    reportRoutes,
    healthRoutes,
  ]) {
    await routes(deps);
  }
}
