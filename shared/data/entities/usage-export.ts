/**
 * The usage export (docs/operations.md, "Billing"): the export-usage job's cursor item, and the blob key of one
 * day file of one plan. The files themselves are blobs (shared/blobs/), never table items.
 * The bottom of the layers (docs/decisions/005): imports only shared/data/*.
 */
import { keys } from '#shared/data/keys.ts';
import { getItem, type Stored } from '#shared/data/store.ts';

export interface UsageExportCursorItem extends Stored {
  entity: 'usageExportCursor';
  /** The start of the first UTC day not exported yet (ISO): every day before it has its files. */
  exportedUntil: string;
}

export async function getUsageExportCursor(): Promise<UsageExportCursorItem | undefined> {
  const item = await getItem<UsageExportCursorItem>(keys.usageExportCursor());
  return item?.entity === 'usageExportCursor' ? item : undefined;
}

export const usageExportCursorKey = () => keys.usageExportCursor();

/** `usage-export/<providerOrgId>/<serviceId>/<productTierId>/<yyyy-mm-dd>.jsonl` */
export const usageExportBlobKey = (providerOrgId: string, serviceId: string, productTierId: string, day: string): string =>
  `usage-export/${providerOrgId}/${serviceId}/${productTierId}/${day}.jsonl`;
