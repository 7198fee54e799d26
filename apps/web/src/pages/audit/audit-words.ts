import { type AuditEntry, auditActions, auditEntities, localSources, systemActors } from '@openami/contract';
import type { TFunction } from 'i18next';
import { fenToYuan, whToKwh } from '../../shared/units.ts';

/**
 * The audit log in the reader's words (issue 22): actions, what they were about, who acted and from where.
 * Codes the contract lists are worded from the locale files; a code it does not list (an entry written by a
 * newer server) is shown as it is rather than hidden.
 */
export function actionText(action: string, t: TFunction): string {
  return (auditActions as readonly string[]).includes(action) ? t(`audit.actions.${action}`) : action;
}

export function entityText(entity: string, t: TFunction): string {
  return (auditEntities as readonly string[]).includes(entity) ? t(`audit.entities.${entity}`) : entity;
}

/** A user by their name; the station, the collector, the console by what they are; a resident by account. */
export function actorText(entry: Pick<AuditEntry, 'actorUserId' | 'actorName'>, t: TFunction): string {
  if (entry.actorUserId !== null) return entry.actorName;
  if ((systemActors as readonly string[]).includes(entry.actorName)) {
    return t(`audit.systemActors.${entry.actorName}`);
  }
  const resident = /^resident:(.+)$/.exec(entry.actorName);
  if (resident !== null) return t('audit.resident', { accountNo: resident[1] });
  return entry.actorName;
}

/** An address as it is; this machine or a console in words. */
export function sourceText(sourceIp: string, t: TFunction): string {
  return (localSources as readonly string[]).includes(sourceIp) ? t(`audit.sources.${sourceIp}`) : sourceIp;
}

/** `*` is a batch (an import, a batch of accounts); any other id is the thing's own. */
export function entityIdText(entityId: string, t: TFunction): string {
  return entityId === '*' ? t('audit.batch') : entityId;
}

/**
 * An entry's details as lines of label and value: fields the locale names in words, money in yuan and energy
 * in kWh, a change as before → after; anything else as JSON.
 */
export function detailLines(details: unknown, t: TFunction): [label: string, value: string][] {
  if (details === null || typeof details !== 'object' || Array.isArray(details)) {
    return details === undefined ? [] : [['', JSON.stringify(details)]];
  }
  return Object.entries(details as Record<string, unknown>).map(([key, value]) => [
    t(`audit.fields.${key}`, { defaultValue: key }),
    valueText(key, value, t),
  ]);
}

function valueText(key: string, value: unknown, t: TFunction): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number' && Number.isSafeInteger(value)) {
    if (key.endsWith('Fen')) return `${fenToYuan(value)} ${t('counter.yuan')}`;
    if (key.endsWith('Wh')) return `${whToKwh(value)} kWh`;
    return String(value);
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return t(value ? 'audit.yes' : 'audit.no');
  // `changes()` writes a changed field as [before, after].
  if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v !== 'object' || v === null)) {
    return `${valueText(key, value[0], t)} → ${valueText(key, value[1], t)}`;
  }
  return JSON.stringify(value);
}
