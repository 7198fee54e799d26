// A notification worker in a process of its own, for the restart test: it sends the store's queued
// messages to a webhook until the test kills it with SIGKILL in the middle of the burst.
import { openStore } from '@openami/storage';
import { Notifier, WebhookChannel } from '../src/notifier.ts';

const [databasePath, url, secret] = process.argv.slice(2);
const store = openStore({ url: databasePath ?? ':memory:' });
const notifier = new Notifier(store, {
  channels: { webhook: new WebhookChannel({ url: url ?? '', secret: secret ?? '' }) },
  leaseMs: 500,
  pollMs: 10,
});
notifier.start();
process.stdout.write('started\n');
