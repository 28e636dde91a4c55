/** _api/contextinfo: the form digest PnPjs asks for before writes. */
import { randomUUID } from 'node:crypto';
import { errors } from '../errors.js';
import { type ApiResponse, type Ctx, ok } from './common.js';

export function contextInfo({ site, req }: Ctx): ApiResponse {
  if (req.method !== 'POST') throw errors.methodNotAllowed();
  return ok({
    'odata.type': 'SP.ContextWebInformation',
    FormDigestTimeoutSeconds: 1800,
    FormDigestValue: `0x${randomUUID().replace(/-/g, '').toUpperCase()},${new Date().toUTCString()}`,
    LibraryVersion: '16.0.0.0',
    SiteFullUrl: site.siteUrl,
    SupportedSchemaVersions: ['14.0.0.0', '15.0.0.0'],
    WebFullUrl: site.siteUrl,
  });
}
