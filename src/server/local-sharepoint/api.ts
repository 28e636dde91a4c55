/**
 * The SharePoint REST surface: walks the _api path to a resource and runs the HTTP method on it.
 * Every handler is synchronous over SQLite, so a request is atomic and $batch parts run in order.
 * The resources live in routes/ (one module each); their storage access in repository.ts and site.ts.
 */
import { errors } from './errors.js';
import { splitPath } from './path.js';
import type { Site } from './site.js';
import type { ApiRequest, ApiResponse } from './routes/common.js';
import { contextInfo } from './routes/context.js';
import { clientPeoplePickerSearchUser } from './routes/people-picker.js';
import { siteCollection, web } from './routes/web.js';

export type { ApiRequest, ApiResponse } from './routes/common.js';
export { encodeEntityName } from './routes/lists.js';

export class Api {
  constructor(private readonly site: Site) {}

  handle(req: ApiRequest): ApiResponse {
    const segs = splitPath(req.path);
    const first = segs[0];
    if (!first) throw errors.resourceNotFound('_api');
    const ctx = { site: this.site, req };
    const rest = segs.slice(1);
    switch (first.name) {
      case 'contextinfo':
        return contextInfo(ctx);
      case 'web':
        return web(ctx, rest);
      case 'site':
        return siteCollection(ctx, rest);
      case 'sp.ui.applicationpages.clientpeoplepickerwebserviceinterface.clientpeoplepickersearchuser':
        return clientPeoplePickerSearchUser(ctx);
      default:
        throw errors.resourceNotFound(first.name);
    }
  }
}
