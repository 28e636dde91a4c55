/** Synthetic Teams invoke activities, shaped like what Teams posts to /api/messages. */
export interface InvokeOptions {
  locale?: string;
  from?: { id: string; name?: string; aadObjectId?: string };
  conversationId?: string;
  serviceUrl?: string;
}

let counter = 0;

export function invokeActivity(name: string, value: unknown, options: InvokeOptions = {}) {
  counter += 1;
  return {
    type: 'invoke',
    name,
    id: `activity-${counter}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: options.serviceUrl ?? 'http://127.0.0.1:9/teams/',
    locale: options.locale ?? 'sv-SE',
    from: options.from ?? { id: '29:eva', name: 'Eva Ek', aadObjectId: '00000000-0000-0000-0000-0000000000e1' },
    recipient: { id: '28:systemkoll', name: 'Systemkoll' },
    conversation: {
      id: options.conversationId ?? 'a:personal-chat',
      conversationType: 'personal',
      tenantId: '00000000-0000-0000-0000-000000000001',
    },
    channelData: { tenant: { id: '00000000-0000-0000-0000-000000000001' } },
    value,
  };
}

export async function post(url: string, activity: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // keep text
  }
  return { status: res.status, body };
}

/** Every string anywhere in a card, for "does the card say X" assertions. */
export function cardTexts(node: unknown): string[] {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (typeof n === 'string') out.push(n);
    else if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') Object.values(n).forEach(walk);
  };
  walk(node);
  return out;
}

/** Finds the first element with the given id (or matching predicate) in a card. */
export function findElement(node: unknown, match: string | ((n: Record<string, unknown>) => boolean)): Record<string, any> | undefined {
  const pred = typeof match === 'string' ? (n: Record<string, unknown>) => n.id === match : match;
  if (Array.isArray(node)) {
    for (const n of node) {
      const hit = findElement(n, pred);
      if (hit) return hit;
    }
  } else if (node && typeof node === 'object') {
    const rec = node as Record<string, unknown>;
    if (pred(rec)) return rec as Record<string, any>;
    for (const v of Object.values(rec)) {
      const hit = findElement(v, pred);
      if (hit) return hit;
    }
  }
  return undefined;
}

export const messagePayload = {
  id: '1700000000000',
  createdDateTime: '2026-11-20T08:15:00.000Z',
  linkToMessage: 'https://teams.microsoft.com/l/message/19:abc@thread.v2/1700000000000?context=%7B%7D',
  body: {
    contentType: 'html',
    content:
      '<p>Hej! Jag fick ett <b>konstigt</b> mejl som ber mig logga in i Procapita &amp; ange BankID.</p><p>Länk: <a href="https://evil.example/login">klicka här</a></p><ul><li>Avsändare: it-support@evil.example</li></ul>',
  },
  from: { user: { id: 'aad-olle', displayName: 'Olle Berg' } },
};
