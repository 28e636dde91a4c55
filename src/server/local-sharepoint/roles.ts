/** SharePoint Online's built-in permission levels with their BasePermissions masks. */
export interface RoleDefinitionSeed {
  id: number;
  name: string;
  description: string;
  kind: number;
  high: string;
  low: string;
  order: number;
  hidden: boolean;
}

export const ROLE_DEFINITIONS: RoleDefinitionSeed[] = [
  {
    id: 1073741829,
    name: 'Full Control',
    description: 'Has full control.',
    kind: 5,
    high: '2147483647',
    low: '4294967295',
    order: 1,
    hidden: false,
  },
  {
    id: 1073741828,
    name: 'Design',
    description: 'Can view, add, update, delete, approve, and customize.',
    kind: 4,
    high: '432',
    low: '1012866047',
    order: 32,
    hidden: false,
  },
  {
    id: 1073741830,
    name: 'Edit',
    description: 'Can add, edit and delete lists; can view, add, update and delete list items and documents.',
    kind: 6,
    high: '432',
    low: '1011030767',
    order: 48,
    hidden: false,
  },
  {
    id: 1073741827,
    name: 'Contribute',
    description: 'Can view, add, update, and delete list items and documents.',
    kind: 3,
    high: '432',
    low: '1011028719',
    order: 64,
    hidden: false,
  },
  {
    id: 1073741826,
    name: 'Read',
    description: 'Can view pages and list items and download documents.',
    kind: 2,
    high: '176',
    low: '138612833',
    order: 128,
    hidden: false,
  },
  {
    id: 1073741825,
    name: 'Limited Access',
    description: 'Can view specific lists, document libraries, list items, folders, or documents when given permissions.',
    kind: 1,
    high: '48',
    low: '134418465',
    order: 160,
    hidden: true,
  },
];

/** PnPjs PermissionKind numbering: kind k is bit k-1 of the 64-bit mask (Low holds bits 0–31). */
export const Perm = {
  ViewListItems: 1,
  AddListItems: 2,
  EditListItems: 3,
  DeleteListItems: 4,
  ManageLists: 12,
  ViewFormPages: 13,
  Open: 17,
  ViewPages: 18,
  CreateGroups: 25,
  ManagePermissions: 26,
  BrowseUserInfo: 28,
  ManageWeb: 31,
  EnumeratePermissions: 63,
} as const;

export interface Mask {
  high: bigint;
  low: bigint;
}

export const EMPTY_MASK: Mask = { high: 0n, low: 0n };
export const FULL_MASK: Mask = { high: 2147483647n, low: 4294967295n };

export function orMask(a: Mask, b: Mask): Mask {
  return { high: a.high | b.high, low: a.low | b.low };
}

export function hasPerm(mask: Mask, kind: number): boolean {
  const bit = kind - 1;
  return bit < 32 ? (mask.low & (1n << BigInt(bit))) !== 0n : (mask.high & (1n << BigInt(bit - 32))) !== 0n;
}

export function maskJson(mask: Mask): { High: string; Low: string } {
  return { High: mask.high.toString(), Low: mask.low.toString() };
}
