export * from './alarm-engine.ts';
export * from './alarm-subject.ts';
export * from './email-channel.ts';
export * from './notification-policy.ts';
export {
  kindText as alarmKindText,
  RESIDENT_CODE_TOPIC,
  residentCodeMessage,
  residentCodeSentPlaceholder,
} from './notification-text.ts';
export * from './notifier.ts';
export * from './sms-channels.ts';
