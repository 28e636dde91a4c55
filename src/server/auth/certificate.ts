import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfidentialClientApplication } from '@azure/msal-node';
import type { TokenProvider } from '../../shared/data/index.js';

/**
 * App-only authentication of the bot host in production, with a certificate (SharePoint Online does
 * not accept app-only tokens obtained with a client secret):
 *  - to SharePoint (`https://<tenant>.sharepoint.com/.default`) with the Systemkoll Entra app, and
 *  - optionally to the Bot Framework, when the bot's own app registration also uses a certificate.
 */
export interface CertificateCredentials {
  tenantId: string;
  clientId: string;
  /** PEM private key (PKCS#8 "BEGIN PRIVATE KEY" or "BEGIN RSA PRIVATE KEY"). */
  privateKey: string;
  /** Hex SHA-256 thumbprint of the certificate registered on the Entra app. */
  thumbprintSha256: string;
  /** Public certificate chain (PEM) sent as x5c, for subject-name/issuer trust; optional. */
  x5c?: string;
}

const hex = (value: string) => value.replace(/[^0-9a-f]/gi, '').toLowerCase();

/**
 * Reads a certificate from environment variables, named with a prefix (e.g. SP_APP_ → SharePoint,
 * BOT_ → the bot). The key comes from <P>CERT_KEY_PATH (file) or <P>CERT_KEY (inline PEM); the
 * thumbprint from <P>CERT_THUMBPRINT_SHA256 or is computed from the certificate in <P>CERT_PATH.
 * Returns null when no certificate is configured; throws a Swedish message naming what is missing.
 */
export function certificateFromEnv(
  prefix: string,
  ids: { tenantId?: string; clientId?: string },
  env: NodeJS.ProcessEnv = process.env,
): CertificateCredentials | null {
  const keyPath = env[`${prefix}CERT_KEY_PATH`];
  const keyInline = env[`${prefix}CERT_KEY`];
  const certPath = env[`${prefix}CERT_PATH`];
  const thumbprint = env[`${prefix}CERT_THUMBPRINT_SHA256`];
  if (!keyPath && !keyInline && !certPath && !thumbprint) return null;

  const missing: string[] = [];
  if (!ids.tenantId) missing.push('ENTRA_TENANT_ID');
  if (!ids.clientId) missing.push(`${prefix}CLIENT_ID`);
  if (!keyPath && !keyInline) missing.push(`${prefix}CERT_KEY_PATH (eller ${prefix}CERT_KEY)`);
  if (!thumbprint && !certPath) missing.push(`${prefix}CERT_THUMBPRINT_SHA256 (eller ${prefix}CERT_PATH)`);
  if (missing.length > 0) throw new Error(`Certifikatinloggningen är ofullständig. Sätt: ${missing.join(', ')}.`);

  let privateKey: string;
  try {
    privateKey = keyInline ? keyInline.replace(/\\n/g, '\n') : readFileSync(keyPath!, 'utf8');
  } catch {
    throw new Error(`Kunde inte läsa certifikatets privata nyckel från ${keyPath} (${prefix}CERT_KEY_PATH).`);
  }
  if (!/-----BEGIN (RSA |EC )?PRIVATE KEY-----/.test(privateKey)) {
    throw new Error(`${prefix}CERT_KEY_PATH pekar inte på en PEM-kodad privat nyckel ("-----BEGIN PRIVATE KEY-----").`);
  }

  let x5c: string | undefined;
  let computed: string | undefined;
  if (certPath) {
    let pem: string;
    try {
      pem = readFileSync(certPath, 'utf8');
      computed = hex(new X509Certificate(pem).fingerprint256);
    } catch {
      throw new Error(`Kunde inte läsa certifikatet i ${certPath} (${prefix}CERT_PATH). Det ska vara PEM ("-----BEGIN CERTIFICATE-----").`);
    }
    x5c = pem;
  }
  if (thumbprint && computed && hex(thumbprint) !== computed) {
    throw new Error(`${prefix}CERT_THUMBPRINT_SHA256 stämmer inte med certifikatet i ${certPath}.`);
  }
  return {
    tenantId: ids.tenantId!,
    clientId: ids.clientId!,
    privateKey,
    thumbprintSha256: thumbprint ? hex(thumbprint) : computed!,
    ...(x5c ? { x5c } : {}),
  };
}

/** An MSAL confidential client that signs in with the certificate; tokens are cached and renewed by MSAL. */
export function certificateClient(cred: CertificateCredentials, authorityHost = 'https://login.microsoftonline.com') {
  return new ConfidentialClientApplication({
    auth: {
      clientId: cred.clientId,
      authority: `${authorityHost}/${cred.tenantId}`,
      clientCertificate: {
        thumbprintSha256: cred.thumbprintSha256,
        privateKey: cred.privateKey,
        ...(cred.x5c ? { x5c: cred.x5c } : {}),
      },
    },
  });
}

/** The SharePoint audience of a site: https://kommun.sharepoint.com/sites/x → https://kommun.sharepoint.com/.default */
export function sharePointScope(siteUrl: string): string {
  return `${new URL(siteUrl).origin}/.default`;
}

/** App-only SharePoint token for the bot host (Sites.Selected or Sites.ReadWrite.All on the Entra app). */
export function sharePointAppOnlyToken(siteUrl: string, cred: CertificateCredentials): TokenProvider {
  const client = certificateClient(cred);
  const scopes = [sharePointScope(siteUrl)];
  return async () => {
    const result = await client.acquireTokenByClientCredential({ scopes });
    if (!result?.accessToken) throw new Error('Entra ID gav ingen åtkomsttoken för SharePoint (certifikatinloggning).');
    return result.accessToken;
  };
}

/** Token callback for @microsoft/teams.apps (`token` option): Bot Framework tokens with the bot's certificate. */
export function botFrameworkToken(cred: CertificateCredentials) {
  const client = certificateClient(cred);
  return async (scope: string | string[], tenantId?: string): Promise<string> => {
    const scopes = Array.isArray(scope) ? scope : [scope];
    const result = await client.acquireTokenByClientCredential({
      scopes,
      ...(tenantId ? { authority: `https://login.microsoftonline.com/${tenantId}` } : {}),
    });
    if (!result?.accessToken) throw new Error('Entra ID gav ingen token för Bot Framework (certifikatinloggning).');
    return result.accessToken;
  };
}
