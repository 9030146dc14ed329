/**
 * The blob port: file contents live outside the table (items stay small). Amazon S3 in the cloud (the bucket
 * named by BLOB_BUCKET), and `$DATA_DIR/blobs/` locally. Keys are relative paths built by the callers
 * (`files/<serviceId>/<fileId>/<uploadId>`).
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { config } from '#shared/config.ts';

export interface BlobStore {
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** The bytes, or undefined when there is no such blob. */
  get(key: string): Promise<Buffer | undefined>;
  /** Removing a missing blob is not an error. */
  delete(key: string): Promise<void>;
}

function checkKey(key: string): string {
  if (!/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(key) || key.split('/').some((s) => s === '..' || s === '.')) {
    throw new Error(`invalid blob key ${key}`);
  }
  return key;
}

/** Local store: one file per blob under `$DATA_DIR/blobs/`. Writes go through a temp file so readers never see half a blob. */
export function localBlobStore(root = join(config.dataDir, 'blobs')): BlobStore {
  const base = resolve(root);
  const pathOf = (key: string) => {
    const p = resolve(base, checkKey(key));
    if (!p.startsWith(base + sep)) throw new Error(`invalid blob key ${key}`);
    return p;
  };
  return {
    async put(key, body) {
      const p = pathOf(key);
      await mkdir(dirname(p), { recursive: true });
      const tmp = `${p}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(tmp, body);
      await rename(tmp, p);
    },
    async get(key) {
      try {
        return await readFile(pathOf(key));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw e;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

/**
 * S3 store. The SDK client is loaded on first use: the Lambda Node.js runtime ships @aws-sdk/client-s3, so
 * bundles leave it external and the local stack never needs it installed.
 */
export function s3BlobStore(bucket: string): BlobStore {
  // A variable module name keeps type-checking and local runs free of the optional dependency.
  const moduleName = '@aws-sdk/client-s3';
  let client: Promise<{ s3: any; sdk: any }> | undefined;
  const load = () =>
    (client ??= import(moduleName).then((sdk: any) => ({ sdk, s3: new sdk.S3Client({ region: config.region }) })));
  return {
    async put(key, body, contentType) {
      const { s3, sdk } = await load();
      await s3.send(new sdk.PutObjectCommand({ Bucket: bucket, Key: checkKey(key), Body: body, ContentType: contentType }));
    },
    async get(key) {
      const { s3, sdk } = await load();
      try {
        const out = await s3.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: checkKey(key) }));
        return Buffer.from(await out.Body.transformToByteArray());
      } catch (e) {
        if ((e as { name?: string }).name === 'NoSuchKey') return undefined;
        throw e;
      }
    },
    async delete(key) {
      const { s3, sdk } = await load();
      await s3.send(new sdk.DeleteObjectCommand({ Bucket: bucket, Key: checkKey(key) }));
    },
  };
}

let store: BlobStore | undefined;

/** The configured store: S3 when BLOB_BUCKET is set (the CDK app sets it), the local folder otherwise. */
export function blobs(): BlobStore {
  if (!store) {
    const bucket = config.blobBucket;
    store = bucket ? s3BlobStore(bucket) : localBlobStore();
  }
  return store;
}

/** Test hook: forget the store (e.g. after changing DATA_DIR). */
export function resetBlobStore(): void {
  store = undefined;
}
