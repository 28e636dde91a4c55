/**
 * SharePoint's error bodies (JSON light). Messages are SharePoint's own English so code that parses
 * or shows them behaves the same against the store and SharePoint Online.
 */
export class SpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): string {
    return JSON.stringify({ 'odata.error': { code: this.code, message: { lang: 'en-US', value: this.message } } });
  }
}

const ARG = 'System.ArgumentException';
const SPEX = 'Microsoft.SharePoint.SPException';
const THROTTLED = '-2147024860, Microsoft.SharePoint.SPQueryThrottledException';

export const errors = {
  listNotFound: (title: string, webUrl: string) =>
    new SpError(404, `-1, ${ARG}`, `List '${title}' does not exist at site with URL '${webUrl}'.`),
  itemNotFound: () => new SpError(404, `-2130575338, ${ARG}`, 'Item does not exist. It may have been deleted by another user.'),
  listExists: () =>
    new SpError(
      500,
      `-2130575342, ${SPEX}`,
      'A list, survey, discussion board, or document library with the specified title already exists in this Web site.  Please choose another title.',
    ),
  throttled: () => new SpError(500, THROTTLED, 'The attempted operation is prohibited because it exceeds the list view threshold.'),
  lookupThreshold: () =>
    new SpError(
      500,
      THROTTLED,
      'The query cannot be completed because the number of lookup columns it contains exceeds the lookup column threshold enforced by the administrator.',
    ),
  unknownProperty: (name: string, type: string) =>
    new SpError(
      400,
      '-1, Microsoft.SharePoint.Client.InvalidClientQueryException',
      `The property '${name}' does not exist on type '${type}'. Make sure to only use property names that are defined by the type.`,
    ),
  badValue: (edmType: string) =>
    new SpError(
      400,
      '-1, Microsoft.SharePoint.Client.InvalidClientQueryException',
      `Cannot convert a primitive value to the expected type '${edmType}'. See the inner exception for more details.`,
    ),
  etagMismatch: (sent: string, actual: string) =>
    new SpError(
      412,
      '-1, Microsoft.SharePoint.Client.ClientServiceException',
      `The request ETag value '${sent}' does not match the object's ETag value '${actual}'.`,
    ),
  accessDenied: () =>
    new SpError(
      403,
      '-2147024891, System.UnauthorizedAccessException',
      'Access denied. You do not have permission to perform this action or access this resource.',
    ),
  fieldNotFound: (name: string) =>
    new SpError(400, `-2147024809, ${ARG}`, `Column '${name}' does not exist. It may have been deleted by another user.`),
  propertyNotFound: (name: string) => new SpError(400, `-1, ${SPEX}`, `The field or property '${name}' does not exist.`),
  lookupNotExpanded: (name: string) =>
    new SpError(
      400,
      `-1, ${SPEX}`,
      `The query to field '${name}' is not valid. The $select query string must specify the target fields and the $expand query string must contains ${name}.`,
    ),
  badFilter: (detail: string) =>
    new SpError(400, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', `The expression "${detail}" is not valid.`),
  multiValueFilter: (name: string) =>
    new SpError(400, `-1, ${SPEX}`, `The field '${name}' of type 'LookupMulti' cannot be used in the query filter expression.`),
  tooLong: (title: string) =>
    new SpError(
      400,
      '-2130575162, Microsoft.SharePoint.SPFieldValidationException',
      `The value of the field '${title}' exceeds the maximum length allowed.`,
    ),
  duplicateValue: () =>
    new SpError(409, '-2130575169, Microsoft.SharePoint.SPDuplicateValuesFoundException', 'This value already exists in the list.'),
  duplicatesExist: () =>
    new SpError(
      400,
      '-2130575169, Microsoft.SharePoint.SPDuplicateValuesFoundException',
      'The field contains duplicate values. Remove the duplicate values and try again.',
    ),
  userNotFound: () => new SpError(400, `-2146232832, ${SPEX}`, 'The user does not exist or is not unique.'),
  invalidLookup: () => new SpError(400, `-2146232832, ${SPEX}`, 'Invalid lookup value.'),
  ensureUserFailed: (login: string) => new SpError(500, `-2146232832, ${SPEX}`, `The specified user ${login} could not be found.`),
  siteUserNotFound: () => new SpError(404, `-2146232832, ${SPEX}`, 'User cannot be found.'),
  groupNotFound: () => new SpError(404, `-2146232832, ${SPEX}`, 'Group cannot be found.'),
  groupExists: (name: string) =>
    new SpError(500, `-2130575293, ${SPEX}`, `The specified name is already in use.\n\nPlease try again with a new name.`, {
      'x-group-name': encodeURIComponent(name),
    }),
  roleDefNotFound: () => new SpError(404, `-2146232832, ${SPEX}`, 'Permission level cannot be found.'),
  tooManyIndexes: () => new SpError(500, `-2130575287, ${SPEX}`, 'You cannot create more than 20 indexes on a list.'),
  notIndexable: (title: string) => new SpError(500, `-2146232832, ${SPEX}`, `The field '${title}' cannot be indexed.`),
  uniqueNeedsIndex: () => new SpError(400, `-2146232832, ${SPEX}`, 'The field must be indexed to enforce unique values.'),
  readOnlyField: (name: string) => new SpError(400, `-2147024809, ${ARG}`, `The field '${name}' is read-only.`),
  /**
   * What SharePoint answers for a path segment, method or property it has no resource for — and so
   * what the store answers for everything it deliberately does not implement (docs/local-store.md).
   * Code and message as SharePoint sends them: nextcloud/sharepoint#43 ("-1,
   * Microsoft.SharePoint.Client.ResourceNotFoundException", "Cannot find resource for the request
   * ListItemAllFields."), SharePoint/sp-dev-docs#3595 and pnp/PnP-Sites-Core#1575 (the same for
   * "…/tenantappcatalog/");
   * the status is 404 Not Found, the OData status of a resource that does not exist.
   */
  resourceNotFound: (segment: string) =>
    new SpError(404, '-1, Microsoft.SharePoint.Client.ResourceNotFoundException', `Cannot find resource for the request ${segment}.`),
  /**
   * A list template the store does not implement (only 100 custom list and 101 document library):
   * SharePoint's answer to a template it cannot create, pnp/cli-microsoft365#2906 ("-2130575237,
   * Microsoft.SharePoint.SPException", "Invalid list template."); an SPException is a 500 over REST.
   */
  invalidListTemplate: () => new SpError(500, `-2130575237, ${SPEX}`, 'Invalid list template.'),
  /**
   * A list title longer than 255 characters. SharePoint documents the limit (SP.ListCreationInformation
   * .title and SP.List.title: "Its length must be equal to or less than 255", learn.microsoft.com
   * jj245739 / ee558134) and refuses longer titles (PnPjs's own "ensure with too long title" test);
   * the exact code of that refusal is not published, so the store answers with SharePoint's argument
   * error for a bad parameter value.
   */
  listTitleTooLong: () =>
    new SpError(400, `-2147024809, ${ARG}`, 'The length of the list title must be equal to or less than 255 characters.'),
  methodNotAllowed: () =>
    new SpError(405, '-1, Microsoft.SharePoint.Client.ClientServiceException', 'The HTTP method is not allowed for this resource.'),
  badRequest: (message: string) => new SpError(400, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', message),
  topTooLarge: () => new SpError(500, THROTTLED, 'The attempted operation is prohibited because it exceeds the list view threshold.'),
  tooManyBatchParts: () =>
    new SpError(
      400,
      '-1, Microsoft.SharePoint.Client.ClientServiceException',
      'The number of operations in the batch exceeds the limit of 100.',
    ),
};
