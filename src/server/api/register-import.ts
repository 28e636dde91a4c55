/**
 * The register import as an API use case (the admin page in the tab): the uploaded file is read
 * and imported server-side by the same code as `npm run import -- register`, app-only, and only for
 * admins — the import can change every system in the register.
 */
import type { SPFI } from '@pnp/sp';
import type { ColumnMapping } from '../../domain/register-import/columns.js';
import { importRegister, type ImportReport } from '../../register-io/import-register.js';
import { tableFromBytes } from '../../register-io/read-table.js';
import type { Caller } from './caller.js';
import { ApiError, type SystemkollService } from './service.js';

export interface RegisterUpload {
  fileName: string;
  bytes: Uint8Array;
  dryRun: boolean;
  mapping?: ColumnMapping;
}

export type ImportRegisterUseCase = (caller: Caller, upload: RegisterUpload) => Promise<ImportReport>;

export function createRegisterImport(options: { service: SystemkollService; sp: SPFI; writeSp: SPFI }): ImportRegisterUseCase {
  return async (caller, upload) => {
    const actor = await options.service.actorFor(caller);
    if (!actor.roles.includes('admin')) throw new ApiError(403, 'forbidden', 'Bara administratörer får importera systemförteckningen.');
    let table;
    try {
      table = await tableFromBytes(upload.fileName, upload.bytes);
    } catch (error) {
      throw new ApiError(400, 'badFile', error instanceof Error ? error.message : 'Filen kunde inte läsas.');
    }
    if (table.headers.length === 0) throw new ApiError(400, 'badFile', 'Filen innehåller inga kolumnrubriker att importera.');
    return importRegister({
      sp: options.sp,
      writeSp: options.writeSp,
      table,
      dryRun: upload.dryRun,
      ...(upload.mapping ? { mapping: upload.mapping } : {}),
    });
  };
}
