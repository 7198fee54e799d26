import { bigintType, type MigrationDb, notNull, withId } from './ddl.ts';

export async function up(db: MigrationDb): Promise<void> {
  const big = bigintType(db);
  await withId(db, db.schema.createTable('users'))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', notNull)
    .addColumn('password_hash', 'text', notNull)
    .addColumn('role', 'text', notNull)
    .addColumn('all_areas', 'integer', notNull)
    .addColumn('locale', 'text', notNull)
    .addColumn('disabled', 'integer', notNull)
    .addColumn('failed_logins', 'integer', notNull)
    .addColumn('locked_until', big)
    .addColumn('created_at', big, notNull)
    .addColumn('updated_at', big, notNull)
    .execute();
  await db.schema
    .createTable('user_areas')
    .addColumn('user_id', big, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('area_id', big, (c) => c.notNull().references('areas.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('user_areas_pk', ['user_id', 'area_id'])
    .execute();
  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', big, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', notNull)
    .addColumn('name', 'text', notNull)
    .addColumn('csrf_token', 'text', notNull)
    .addColumn('created_at', big, notNull)
    .addColumn('expires_at', big, notNull)
    .addColumn('last_seen_at', big, notNull)
    .addColumn('source_ip', 'text', notNull)
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
}
