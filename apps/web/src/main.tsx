// Ant Design 5 renders its pop-ups through React 19's root API only with this patch.
import '@ant-design/v5-patch-for-react-19';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiClient } from './api/client.ts';
import { App } from './app.tsx';
import { startI18n, storedLocale } from './i18n/index.ts';

const locale = storedLocale(window.localStorage);
await startI18n(locale);
const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
// Residents have their own entry, in its own chunk: no staff frame, no staff session.
const path = window.location.pathname;
const ResidentApp =
  path === '/resident' || path.startsWith('/resident/')
    ? (await import('./pages/resident/resident-app.tsx')).default
    : undefined;
createRoot(root).render(
  <StrictMode>
    {ResidentApp === undefined ? (
      <App client={new ApiClient(locale)} />
    ) : (
      <ResidentApp client={new ApiClient(locale)} />
    )}
  </StrictMode>,
);
