// Operating it: liveness, readiness and the Prometheus metrics, all in plain text.
import { Type } from '@sinclair/typebox';
import { oneOfMedia, withErrors } from './common.ts';

const plain = 'text/plain';
const words = (description: string) => oneOfMedia(description, { [plain]: Type.String({ description }) });

export const healthApi = {
  healthz: { response: withErrors({ 200: words('`ok`: the process is alive') }) },
  readyz: {
    response: withErrors({
      200: words('`ready`: the store answers and its schema is current'),
      503: words('Not ready, and why in words (the store does not answer; migrations pending or ahead)'),
    }),
  },
  metrics: {
    response: withErrors({
      200: oneOfMedia('Prometheus text exposition format 0.0.4', {
        [plain]: Type.String({ description: 'counters, gauges and histograms named openami_*' }),
      }),
    }),
  },
};
