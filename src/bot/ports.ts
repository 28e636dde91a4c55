import type { ReportInput, ReportSource } from '../domain/incident-report.js';
import type { Incident, SystemRecord } from '../shared/schema/index.js';

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

/** A report from the dialog: what the user typed, the message it came from, and its idempotency key. */
export interface ReportSubmission {
  input: ReportInput;
  /** `message:<id>` or `dialog:<nonce>`: the same submission always carries the same key. */
  clientKey: string;
  source?: ReportSource;
}

/**
 * What the message extension needs from the register: narrow, so the handlers can be tested with
 * plain fakes and the SharePoint wiring (data.ts) stays in one place.
 */
export interface BotData {
  /** Systems whose name starts with the text first, then those containing it; empty text = the first few. */
  searchSystems(text: string, top: number): Promise<SystemRecord[]>;
  /** Systems a report can name (everything not decommissioned), sorted by name. */
  systemChoices(): Promise<SystemRecord[]>;
  /** The systems with these ids (any lifecycle status), for a choice made from an earlier search. */
  systemsByIds?(ids: number[]): Promise<SystemRecord[]>;
  /**
   * Stores the report with `user` as reporter (never a value from the card), once per submission:
   * a repeated submission returns the stored incident.
   */
  report(user: TeamsUser, submission: ReportSubmission): Promise<{ incident: Incident; created: boolean }>;
}

/** Gives the data access for a Teams user (app-only in both modes: the service stamps who reported). */
export type BotDataSource = (user: TeamsUser) => Promise<BotData>;
