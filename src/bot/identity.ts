import type { TeamsUser } from './ports.js';

/** The parts of an activity the bot reads to know who is asking. */
export interface ActivityFrom {
  id?: string;
  name?: string;
  aadObjectId?: string;
  userPrincipalName?: string;
  email?: string;
}

export interface MemberLookup {
  /** The connector's member record (TeamsChannelAccount): has userPrincipalName and email. */
  (conversationId: string, userId: string): Promise<{ userPrincipalName?: string; email?: string; name?: string } | null | undefined>;
}

const cache = new Map<string, { at: number; user: TeamsUser }>();
const TTL = 30 * 60_000;

/**
 * Who is invoking: Teams sends the Bot Framework id, AAD object id and display name; the UPN comes
 * from the connector's member lookup (answered within `timeoutMs`, cached). If the lookup fails the
 * user is still known by name and object id, and the report still goes through.
 */
export async function resolveUser(
  from: ActivityFrom | undefined,
  conversationId: string | undefined,
  lookup: MemberLookup | undefined,
  timeoutMs = 1500,
): Promise<TeamsUser> {
  const base: TeamsUser = {
    id: from?.id ?? 'okänd',
    ...(from?.aadObjectId ? { aadObjectId: from.aadObjectId } : {}),
    ...(from?.name ? { name: from.name } : {}),
    ...(from?.userPrincipalName ? { upn: from.userPrincipalName } : {}),
    ...(from?.email ? { email: from.email } : {}),
  };
  if (base.upn || !lookup || !conversationId || !from?.id) return base;
  const key = `${conversationId}|${from.id}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL) return hit.user;
  try {
    const member = await Promise.race([
      lookup(conversationId, from.id),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs).unref()),
    ]);
    if (!member) return base;
    const user: TeamsUser = {
      ...base,
      ...(member.userPrincipalName ? { upn: member.userPrincipalName } : {}),
      ...(member.email ? { email: member.email } : {}),
      ...(!base.name && member.name ? { name: member.name } : {}),
    };
    if (cache.size > 5000) cache.clear();
    cache.set(key, { at: Date.now(), user });
    return user;
  } catch {
    return base;
  }
}
