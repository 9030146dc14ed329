/** @deprecated moved to `shared/domain/environment.ts`; re-exported for other families' imports until the merge. */
export * from '#shared/domain/environment.ts';
