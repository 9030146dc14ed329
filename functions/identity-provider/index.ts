import type { AnyOperation } from '#shared/registry/operation.ts';
// Operations of the identity-provider-api group; one import and one entry per endpoint module.
import * as identityProviderRender from './identity-provider-render.ts';

export const operations: readonly AnyOperation[] = [identityProviderRender.operation];
