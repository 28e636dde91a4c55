/**
 * A document library of the site schema (manifest: `libraries`) as files in folders: upload (new or
 * overwritten, into a folder made on first use), list a folder, download, delete. Paths are relative
 * to the library's root folder (`2025/Årlig återrapportering 2025.docx`); the library's own URL is
 * read from SharePoint once, so a library whose URL differs from its title is still found.
 */
import type { SPFI } from '@pnp/sp';
import '@pnp/sp/files';
import '@pnp/sp/folders';
import { librarySpec, type LibraryKey } from '../schema/index.js';
import { toDataError } from './errors.js';

export interface LibraryFile {
  name: string;
  /** Server-relative URL, e.g. /sites/systemkoll/Rapporter/2025/Årlig återrapportering 2025.docx. */
  url: string;
  /** Bytes. */
  length: number;
  /** ISO instant. */
  modified: string;
  /** SharePoint's version label ("3.0"): saving a file of the same name again adds a version. */
  version: string;
}

interface RawFile {
  Name: string;
  ServerRelativeUrl: string;
  Length: string | number;
  TimeLastModified: string;
  UIVersionLabel?: string;
}

const FILE_COLUMNS = ['Name', 'ServerRelativeUrl', 'Length', 'TimeLastModified', 'UIVersionLabel'] as const;

const toFile = (f: RawFile): LibraryFile => ({
  name: f.Name,
  url: f.ServerRelativeUrl,
  // Edm.Int64 arrives as a string.
  length: Number(f.Length),
  modified: f.TimeLastModified,
  version: f.UIVersionLabel ?? '1.0',
});

/** A folder path relative to the library: no leading, trailing or doubled slashes, no `.`/`..`. */
function folderPath(folder: string): string {
  const parts = folder.split('/').filter(Boolean);
  if (parts.some((p) => p === '.' || p === '..')) throw new TypeError(`Ogiltig mapp i biblioteket: "${folder}".`);
  return parts.join('/');
}

async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toDataError(error);
  }
}

export class DocumentLibrary {
  private root: Promise<string> | undefined;

  constructor(
    private readonly sp: SPFI,
    readonly key: LibraryKey,
  ) {}

  get title(): string {
    return librarySpec(this.key).title;
  }

  /** The library's root folder, server-relative (read once). */
  rootUrl(): Promise<string> {
    this.root ??= guard(async () => {
      const f = await this.sp.web.lists.getByTitle(this.title).rootFolder.select('ServerRelativeUrl')();
      return f.ServerRelativeUrl.replace(/\/$/, '');
    });
    // A failed read is not remembered.
    this.root.catch(() => (this.root = undefined));
    return this.root;
  }

  private async url(folder: string, name?: string): Promise<string> {
    const path = folderPath(folder);
    return [await this.rootUrl(), ...(path ? [path] : []), ...(name ? [name] : [])].join('/');
  }

  /**
   * Stores the file in the folder (created if missing, one level per part), replacing a file of
   * the same name (SharePoint keeps the earlier one as a version).
   */
  async upload(folder: string, name: string, content: Uint8Array | ArrayBuffer): Promise<LibraryFile> {
    await this.ensureFolder(folder);
    const url = await this.url(folder);
    const body = content instanceof ArrayBuffer ? content : new Uint8Array(content).buffer;
    return guard(async () => {
      const added = (await this.sp.web
        .getFolderByServerRelativePath(url)
        .files.addUsingPath(name, body, { Overwrite: true })) as unknown as RawFile;
      return toFile(added);
    });
  }

  /** The files directly in a folder (not in its subfolders), by name; empty for a missing folder. */
  async list(folder = ''): Promise<LibraryFile[]> {
    const url = await this.url(folder);
    try {
      const files = (await this.sp.web.getFolderByServerRelativePath(url).files.select(...FILE_COLUMNS)()) as unknown as RawFile[];
      return files.map(toFile);
    } catch (error) {
      const e = toDataError(error);
      if (e.kind === 'notFound') return [];
      throw e;
    }
  }

  /** The names of the folders directly in a folder (the library's root by default); empty for a missing folder. */
  async folders(folder = ''): Promise<string[]> {
    const url = await this.url(folder);
    try {
      const rows = (await this.sp.web.getFolderByServerRelativePath(url).folders.select('Name')()) as { Name: string }[];
      // SharePoint lists a library's hidden Forms folder among the root's.
      return rows.map((r) => r.Name).filter((n) => n !== 'Forms');
    } catch (error) {
      const e = toDataError(error);
      if (e.kind === 'notFound') return [];
      throw e;
    }
  }

  /** The file's bytes. */
  async download(folder: string, name: string): Promise<Uint8Array> {
    const url = await this.url(folder, name);
    return guard(async () => new Uint8Array(await this.sp.web.getFileByServerRelativePath(url).getBuffer()));
  }

  async remove(folder: string, name: string): Promise<void> {
    const url = await this.url(folder, name);
    await guard(() => this.sp.web.getFileByServerRelativePath(url).delete());
  }

  /** Makes each missing folder of the path. */
  async ensureFolder(folder: string): Promise<void> {
    const parts = folderPath(folder).split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) {
      const url = await this.url(parts.slice(0, i).join('/'));
      if (await this.folderExists(url)) continue;
      try {
        await this.sp.web.folders.addUsingPath(url);
      } catch (error) {
        // Made by someone else meanwhile: fine; anything else is the error.
        if (!(await this.folderExists(url))) throw toDataError(error);
      }
    }
  }

  private async folderExists(url: string): Promise<boolean> {
    try {
      // SharePoint answers a missing folder either with Exists=false or with 404.
      const f = await this.sp.web.getFolderByServerRelativePath(url).select('Exists')();
      return f.Exists !== false;
    } catch (error) {
      const e = toDataError(error);
      if (e.kind === 'notFound') return false;
      throw e;
    }
  }
}
