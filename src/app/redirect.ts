// MSAL redirect bridge: hands the sign-in response from Entra back to the window that asked for it
// (popup) or returns to the tab (redirect). Must be served without Cross-Origin-Opener-Policy.
import { broadcastResponseToMainFrame } from '@azure/msal-browser/redirect-bridge';

broadcastResponseToMainFrame().catch((error: unknown) => {
  console.error('Systemkoll: inloggningssvaret kunde inte lämnas över.', error);
  document.body.textContent = 'Inloggningen kunde inte slutföras. Stäng fönstret och försök igen.';
});
