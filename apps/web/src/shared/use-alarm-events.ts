import { type Alarm, type AlarmEventKind, alarmEventKinds } from '@openami/contract';
import { useEffect, useRef, useState } from 'react';

/** Whether the live feed is connected; the browser reconnects a dropped stream by itself. */
export type AlarmFeed = 'connecting' | 'live' | 'lost';

/**
 * Follows `GET /api/alarms/events` (the session cookie goes with it) and hands each alarm raised,
 * refreshed, acknowledged or cleared in the user's areas to `onEvent`. The server ends the stream now and
 * then and EventSource opens it again; `lost` only when the browser gave up (the session ended).
 */
export function useAlarmEvents(
  onEvent: (kind: AlarmEventKind, alarm: Alarm) => void,
  enabled = true,
): AlarmFeed {
  const [feed, setFeed] = useState<AlarmFeed>('connecting');
  // The latest callback, read as each event arrives: a new callback must not reopen the stream.
  const onEventRef = useRef(onEvent);
  onEventRef.current = onEvent;
  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource('/api/alarms/events');
    source.onopen = () => setFeed('live');
    source.onerror = () => setFeed(source.readyState === EventSource.CLOSED ? 'lost' : 'connecting');
    for (const kind of alarmEventKinds) {
      source.addEventListener(kind, (event) => {
        onEventRef.current(kind, JSON.parse((event as MessageEvent<string>).data) as Alarm);
      });
    }
    return () => source.close();
  }, [enabled]);
  return feed;
}
