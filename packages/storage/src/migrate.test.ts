import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeEachEngine, openTestStore, postgresUrl } from '../test/engines.ts';
import { migrateToLatest, migrations, schemaStatus } from './index.ts';
import { MigrationError } from './migrate.ts';

describeEachEngine('migrations', (context) => {
  it('leave the schema current, and a second run applies nothing', async () => {
    expect(await schemaStatus(context.store.db)).toEqual({ kind: 'current' });
    expect((await migrateToLatest(context.store.db)).applied).toEqual([]);
  });

  it('report a database migrated by a newer OpenAMI as ahead and refuse to touch it', async () => {
    const future = '29991231T0001_from_the_future';
    await sql`insert into kysely_migration (name, timestamp) values (${future}, ${new Date().toISOString()})`.execute(
      context.store.db,
    );
    try {
      expect(await schemaStatus(context.store.db)).toEqual({ kind: 'ahead', unknown: [future] });
      await expect(migrateToLatest(context.store.db)).rejects.toThrow(MigrationError);
    } finally {
      await sql`delete from kysely_migration where name = ${future}`.execute(context.store.db);
    }
  });
});

describe.skipIf(postgresUrl === undefined)('migrations beside another OpenAMI schema [postgres]', () => {
  // Kysely looks for its own tables in every schema unless told which; a second OpenAMI schema in the same
  // database (tests, staging) once made it skip creating them in ours.
  it('create their own tables even when another schema already has them', async () => {
    const first = await openTestStore('postgres');
    const second = await openTestStore('postgres');
    try {
      expect(await schemaStatus(second.store.db)).toEqual({ kind: 'current' });
    } finally {
      await first.store.close();
      await second.store.close();
      await first.drop();
      await second.drop();
    }
  });
});

describe('migration names', () => {
  it('are timestamped and listed in order', () => {
    const names = Object.keys(migrations);
    expect(names).toEqual([...names].sort());
    for (const name of names) expect(name).toMatch(/^\d{8}T\d{4}_[a-z0-9_]+$/);
  });
});
