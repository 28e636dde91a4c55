import { readLocalToken } from './local-token.js';

/** A demo person offered by the local store (`GET /_local/personas`). */
export interface Persona {
  upn: string;
  role: string;
  title: string;
}

const STORAGE_KEY = 'systemkoll.persona';

export async function fetchPersonas(localSpUrl: string): Promise<Persona[]> {
  const res = await fetch(`${localSpUrl}/_local/personas`);
  if (!res.ok) throw Object.assign(new Error(`GET /_local/personas: ${res.status}`), { status: res.status });
  const body = (await res.json()) as Persona[] | { personas?: Persona[] };
  const list = Array.isArray(body) ? body : (body.personas ?? []);
  return list.filter((p) => typeof p?.upn === 'string' && p.upn.length > 0);
}

/** The site URL the local store serves (`GET /_local/health`). */
export async function fetchLocalSiteUrl(localSpUrl: string): Promise<string> {
  const res = await fetch(`${localSpUrl}/_local/health`);
  if (!res.ok) throw Object.assign(new Error(`GET /_local/health: ${res.status}`), { status: res.status });
  const body = (await res.json()) as { siteUrl?: string };
  return body.siteUrl ?? `${localSpUrl}/sites/systemkoll`;
}

export function rememberedPersona(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function rememberPersona(upn: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, upn);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
}

/** The remembered persona if the store still offers it, else the first one. */
export function choosePersona(personas: Persona[], remembered: string | null): Persona | null {
  const match = remembered ? personas.find((p) => p.upn.toLowerCase() === remembered.toLowerCase()) : undefined;
  return match ?? personas[0] ?? null;
}

/**
 * Token provider for local mode: asks the store for a token for the persona (`POST /_local/token`)
 * and reuses it until shortly before it expires.
 */
export function localPersonaTokenProvider(localSpUrl: string, upn: string): () => Promise<string> {
  let cached: { token: string; exp: number } | null = null;
  let pending: Promise<string> | null = null;
  return async () => {
    const now = Math.floor(Date.now() / 1000);
    if (cached && cached.exp - 60 > now) return cached.token;
    pending ??= (async () => {
      try {
        const res = await fetch(`${localSpUrl}/_local/token`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ upn }),
        });
        if (!res.ok) throw Object.assign(new Error(`POST /_local/token: ${res.status}`), { status: res.status });
        const { token } = (await res.json()) as { token: string };
        cached = { token, exp: readLocalToken(token)?.exp ?? now + 3600 };
        return token;
      } finally {
        pending = null;
      }
    })();
    return pending;
  };
}
