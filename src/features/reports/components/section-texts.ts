import { useCallback, useEffect, useState } from 'react';

/** Free text per section key for one year. */
export type SectionTexts = Record<string, string>;

const storageKey = (owner: string, year: number | string) => `systemkoll.reportTexts.${owner}.${year}`;

function read(owner: string, year: number | string): SectionTexts {
  try {
    const raw = localStorage.getItem(storageKey(owner, year));
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

/**
 * The texts typed in the preview, kept in this browser per signed-in person and year (never on the
 * server) so a reload or another year's look does not lose them; sent with every export. `clear`
 * empties the year's texts.
 */
export function useSectionTexts(owner: string, year: number | string) {
  const [state, setState] = useState(() => ({ owner, year, texts: read(owner, year) }));
  // Another year or person: that one's texts.
  const texts = state.owner === owner && state.year === year ? state.texts : read(owner, year);
  useEffect(() => {
    if (state.owner !== owner || state.year !== year) setState({ owner, year, texts: read(owner, year) });
  }, [owner, year, state.owner, state.year]);
  const setText = useCallback(
    (key: string, value: string) => {
      setState((prev) => {
        const base = prev.owner === owner && prev.year === year ? prev.texts : read(owner, year);
        const next = { ...base, [key]: value };
        const kept = Object.fromEntries(Object.entries(next).filter(([, v]) => v.trim()));
        try {
          if (Object.keys(kept).length) localStorage.setItem(storageKey(owner, year), JSON.stringify(kept));
          else localStorage.removeItem(storageKey(owner, year));
        } catch {
          /* storage full or denied: kept for this visit only */
        }
        return { owner, year, texts: next };
      });
    },
    [owner, year],
  );
  const clear = useCallback(() => {
    try {
      localStorage.removeItem(storageKey(owner, year));
    } catch {
      /* ignore */
    }
    setState({ owner, year, texts: {} });
  }, [owner, year]);
  return { texts, setText, clear };
}
