// Sign-in with Microsoft Entra ID for a deployed page. Configured at build time (azd's web prepackage hook writes
// these from the azd environment): VITE_ENTRA_CLIENT_ID (the web app's app registration), VITE_ENTRA_AUTHORITY
// (https://login.microsoftonline.com/<tenant-id>) and VITE_API_SCOPE (e.g. api://media-backend/access_as_user).
const config = {
  clientId: import.meta.env.VITE_ENTRA_CLIENT_ID,
  authority: import.meta.env.VITE_ENTRA_AUTHORITY,
  scope: import.meta.env.VITE_API_SCOPE,
};

export const entraConfigured = Boolean(config.clientId && config.authority && config.scope);

/** A popup sign-in, then an access token for the API. MSAL loads only when this is used. */
export async function signInWithEntra() {
  const { PublicClientApplication } = await import('@azure/msal-browser');
  const msal = new PublicClientApplication({
    auth: { clientId: config.clientId, authority: config.authority, redirectUri: window.location.origin },
    cache: { cacheLocation: 'sessionStorage' },
  });
  await msal.initialize();
  const login = await msal.loginPopup({ scopes: [config.scope] });
  const token = await msal.acquireTokenSilent({ scopes: [config.scope], account: login.account });
  return token.accessToken;
}
