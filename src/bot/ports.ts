import type { DraftOf, Incident, PersonRef, SystemRecord } from '../shared/schema/index.js';

/** The Teams user behind an invoke, as far as Teams and the connector tell us. */
export interface TeamsUser {
  /** Bot Framework id (29:…). */
  id: string;
  aadObjectId?: string;
  name?: string;
  /** User principal name, when known (connector member lookup, or the activity). */
  upn?: string;
  email?: string;
}

export type IncidentDraft = DraftOf<'incidents'> & { submissionKey: string };

/**
 * What the message extension needs from the register: narrow, so the handlers can be tested with
 * plain fakes and the SharePoint wiring (data.ts) stays in one place.
 */
export interface BotData {
  /** Systems whose name starts with the text first, then those containing it; empty text = the first few. */
  searchSystems(text: string, top: number): Promise<SystemRecord[]>;
  /** Systems a report can name (everything not decommissioned), sorted by name. */
  systemChoices(): Promise<SystemRecord[]>;
  /** The reporter as a SharePoint person, or null when the store does not know them. */
  reporter(user: TeamsUser): Promise<PersonRef | null>;
  /** Stores the report once per submission key; a repeated key returns the stored incident. */
  reportIncident(draft: IncidentDraft): Promise<{ incident: Incident; created: boolean }>;
}

/** Gives the data access acting for a Teams user (local mode acts as the user; production app-only). */
export type BotDataSource = (user: TeamsUser) => Promise<BotData>;
