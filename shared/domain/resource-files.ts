/** Rules of a resource's configuration files: size, mount path, and the describe view. */
import type { z } from 'zod';
import { BadRequest } from '#shared/errors.ts';
import type { FileItem } from '#shared/data/entities/resource-file.ts';
import type { FileMetadata } from '#shared/schemas/resource.ts';

/** Configuration files are small; anything bigger belongs in an image or a volume. */
export const MAX_FILE_BYTES = 1024 * 1024;

export function checkFileSize(bytes: number): void {
  if (bytes > MAX_FILE_BYTES) throw new BadRequest(`file is ${bytes} bytes; the limit is ${MAX_FILE_BYTES} bytes (1 MiB)`);
}

/** An absolute path without `..` segments or NUL, trimmed. */
export function mountPath(raw: string): string {
  const p = raw.trim();
  if (!p.startsWith('/') || p.includes('\0') || p.split('/').includes('..')) {
    throw new BadRequest('MountPath must be an absolute path without ".." segments');
  }
  return p;
}

export function fileView(f: FileItem): z.input<typeof FileMetadata> {
  return {
    fileId: f.fileId,
    name: f.name,
    description: f.description,
    type: f.type,
    mountPath: f.mountPath,
    size: f.size,
    uploadTime: f.uploadTime,
    uploadedBy: f.uploadedBy,
  };
}
