/**
 * The parts of teams-js the tab uses, so the bundler keeps only these (teams-js is tree-shakeable):
 * a smaller chunk on the Teams path (issue 13). Imported dynamically, never statically.
 */
export { app, nestedAppAuth, pages } from '@microsoft/teams-js';
