// Sign-in with Microsoft Entra ID for a deployed page. Configured at build time (azd's web prepackage hook writes
// these from the azd environment): VITE_ENTRA_CLIENT_ID (the web app's app registration), VITE_ENTRA_AUTHORITY
// (https://login.microsoftonline.com/organizations for a multi-tenant API) and VITE_API_SCOPE, the API's scopes
// separated by spaces (api://media-backend/media.read api://media-backend/media.write: what a user of this page does).
const config = {
  clientId: import.meta.env.VITE_ENTRA_CLIENT_ID,
  authority: import.meta.env.VITE_ENTRA_AUTHORITY,
  scopes: (import.meta.env.VITE_API_SCOPE || '').split(' ').filter(Boolean),
};

export const entraConfigured = Boolean(config.clientId && config.authority && config.scopes.length > 0);

/** A popup sign-in, then an access token for the API. MSAL loads only when this is used. */
export async function signInWithEntra() {
  const { PublicClientApplication } = await import('@azure/msal-browser');
  const msal = new PublicClientApplication({
    auth: { clientId: config.clientId, authority: config.authority, redirectUri: window.location.origin },
    cache: { cacheLocation: 'sessionStorage' },
  });
  await msal.initialize();
  const login = await msal.loginPopup({ scopes: config.scopes });
  const token = await msal.acquireTokenSilent({ scopes: config.scopes, account: login.account });
  return token.accessToken;
}
