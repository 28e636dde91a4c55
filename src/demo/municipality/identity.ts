/** Who the demo municipality is: its name, domain, site and built-in admin. */

export const DEMO_DOMAIN = 'exempelkommun.se';
export const DEMO_NAME = 'Exempelkommun';
/** The local store's built-in site admin, used as the admin persona. */
export const DEMO_ADMIN_UPN = 'admin@exempelkommun.se';
export const DEMO_ADMIN_NAME = 'Administratör Exempelkommun';

/** The municipality's information security site (documents the demo links to). */
export const SITE = 'https://exempelkommun.sharepoint.com/sites/informationssakerhet';
