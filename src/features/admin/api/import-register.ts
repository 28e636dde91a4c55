import { useMutation } from '@tanstack/react-query';
import { useSession, type Session } from '../../../shared/ui/session.js';

/** The import report the API answers with (the same object `npm run import -- register --json` prints). */
export interface RegisterImportReport {
  created: number;
  updated: number;
  unchanged: number;
  warnings: number;
  errors: number;
  dryRun: boolean;
  rows: { row: number; system: string; status: 'created' | 'updated' | 'unchanged' | 'warning' | 'error'; messages: string[] }[];
  columns: { column: string; field: string | null }[];
}

export interface RegisterImportInput {
  file: File;
  dryRun: boolean;
  /** Header → field key (or 'classification' / 'ignore'), over the suggestion and the saved mapping. */
  mapping?: Record<string, string>;
}

/** The file as base64, in chunks (a spread of a large Uint8Array would overflow the stack). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** POST /api/v1/register/import: a dry run or the import itself, for admins. */
export async function importRegister(session: Session, input: RegisterImportInput): Promise<RegisterImportReport> {
  return session.api.send<RegisterImportReport>('POST', 'register/import', {
    fileName: input.file.name,
    content: await base64Of(input.file),
    dryRun: input.dryRun,
    ...(input.mapping ? { mapping: input.mapping } : {}),
  });
}

export function useImportRegister() {
  const session = useSession();
  return useMutation({ mutationFn: (input: RegisterImportInput) => importRegister(session, input) });
}
