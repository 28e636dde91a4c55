import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AssessmentBody } from '../../../shared/api/client.js';
import { useSession, type Session } from '../../../shared/ui/session.js';
import { getSystemRequirementsQueryOptions, type SelfAssessment } from './get-system-requirements.js';

/** The caller's assessment of one requirement, through the Systemkoll API (assessedBy = the caller). */
export function assessRequirement(session: Session, systemId: number, body: AssessmentBody): Promise<SelfAssessment> {
  return session.api.assess(systemId, body);
}

export function useAssessRequirement(systemId: number) {
  const session = useSession();
  const client = useQueryClient();
  const key = getSystemRequirementsQueryOptions(session, systemId).queryKey;
  return useMutation({
    mutationFn: (body: AssessmentBody) => assessRequirement(session, systemId, body),
    onSuccess: (saved) => {
      client.setQueryData(key, (data) =>
        data ? { ...data, assessments: [...(data.assessments ?? []).filter((a) => a.id !== saved.id), saved] } : data,
      );
      void client.invalidateQueries({ queryKey: [session.key, 'action-plan'] });
    },
  });
}
