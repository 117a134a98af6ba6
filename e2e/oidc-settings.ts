import { TEST_CLIENT } from '@/lib/testing/oidc-provider';

/** The app under test and the OpenID Connect provider the sign-in spec starts beside it (20 ports up; the embedding spec's host page is 10 up). */
export const APP_PORT = Number(process.env.E2E_PORT ?? 3210);
export const OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? APP_PORT + 20);
export const APP_URL = `http://127.0.0.1:${APP_PORT}`;
export const OIDC_NAME = 'Test IdP';

/** The settings the app starts with: the provider need not be up yet (it is discovered on first use). */
export const OIDC_APP_ENV = {
  PULSE_PUBLIC_URL: APP_URL,
  PULSE_OIDC_ISSUER: `http://127.0.0.1:${OIDC_PORT}`,
  PULSE_OIDC_CLIENT_ID: TEST_CLIENT.id,
  PULSE_OIDC_CLIENT_SECRET: TEST_CLIENT.secret,
  PULSE_OIDC_NAME: OIDC_NAME,
};
