import { ledgerApi } from '@openami/contract/schemas';
import { serviceContext } from '../context.ts';
import { checkLedgerFor, rebuildLedger } from '../services/vending/ledger-check.ts';
import type { RouteDeps } from './route-deps.ts';

const tags = ['vending'];

export async function ledgerRoutes({ app, services }: RouteDeps): Promise<void> {
  app.post(
    '/api/ledger/check',
    {
      config: { access: 'vending.ledger' },
      schema: {
        tags,
        summary:
          "Compare every account's kept balance with its ledger entries; alarm (ledger-drift) each that differs",
        ...ledgerApi.check,
      },
    },
    async (request) => {
      return checkLedgerFor(serviceContext(request, services), services.alarms);
    },
  );
  app.post(
    '/api/ledger/rebuild',
    {
      config: { access: 'vending.ledger' },
      schema: {
        tags,
        summary:
          "Rebuild one account's kept balance (or every one that differs) from its ledger entries, audited",
        ...ledgerApi.rebuild,
      },
    },
    async (request) =>
      rebuildLedger(serviceContext(request, services), services.alarms, request.body.accountId),
  );
}
