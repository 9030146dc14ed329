/**
 * The identity-provider group. IdentityProviderRender answers the customer portal's sign-in page with the
 * login buttons it can offer for the provider of the caller's token. Identity providers (the
 * identity-provider-api CRUD and CustomerLoginWithIdentityProvider) are later work: until a provider can
 * configure one there is none to render, and the page shows password sign-in only. The input is validated
 * now (a bad environment type or redirect URL is the caller's 400), so the portal's contract does not change
 * when they arrive.
 */
import type { z } from 'zod';
import type { Caller } from '#shared/auth/caller.ts';
import type { IdentityProviderRenderQuery, IdentityProviderRenderResult } from '#shared/schemas/identity-provider.ts';

export async function identityProviderRender(
  _caller: Caller,
  _query: z.output<typeof IdentityProviderRenderQuery>,
): Promise<z.input<typeof IdentityProviderRenderResult>> {
  return { identityProviders: [] };
}
