import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useSession, type Session } from '../../../shared/ui/session.js';
import type { SecurityRequirement } from './get-system-requirements.js';
import type { validateRequirement } from '../../../domain/security-requirements.js';

type CheckedRequirement = Extract<ReturnType<typeof validateRequirement>, { ok: true }>['value'];

export interface SaveRequirementInput {
  /** The entry being changed (its etag guards against a concurrent edit), or null for a new one. */
  existing: SecurityRequirement | null;
  value: CheckedRequirement;
}

/**
 * Coordinators keep the catalogue straight in SharePoint (Contribute on Säkerhetskrav: it names
 * nobody, so no API is needed to stamp an identity). A concurrent edit surfaces as a ConflictError.
 */
export async function saveRequirement(session: Session, { existing, value }: SaveRequirementInput): Promise<void> {
  if (existing) await session.repos.securityRequirements.update(existing.id, value, existing.etag);
  else await session.repos.securityRequirements.add(value);
}

export function useSaveRequirement() {
  const session = useSession();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SaveRequirementInput) => saveRequirement(session, input),
    // Which requirements apply changes every system's plan.
    onSuccess: () => void client.invalidateQueries({ queryKey: [session.key] }),
  });
}
