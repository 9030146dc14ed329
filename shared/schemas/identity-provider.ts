/**
 * Wire schemas of the identity-provider group. Only IdentityProviderRender so far: not in the 2022-09-01-00
 * contract (the customer portal, built against a newer version, calls it on its sign-in page); its shape is
 * that portal's: `{identityProviders: [...]}`, each a login button and the authorization URL it leads to.
 */
import { z } from 'zod';
import { LIMITS, list, text } from '#shared/schemas/common.ts';
import { EnvironmentTypeInput } from '#shared/schemas/service-environment.ts';

/** An absolute http(s) URL, bounded. */
const HttpUrl = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(LIMITS.url, `must be at most ${LIMITS.url} characters`)
  .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), { message: 'must be an absolute http or https URL' });

export const IdentityProviderRenderQuery = z.object({
  environmentType: EnvironmentTypeInput.meta({ description: 'The environment type of the portal whose sign-in page asks (any case).' }),
  redirectUrl: HttpUrl.meta({ description: 'Where the identity provider sends the user back to (the portal page).' }),
});

/** Identity providers a provider may configure per environment type (the list is complete, never paged). */
export const MAX_RENDERED_IDENTITY_PROVIDERS = 20;

export const RenderedIdentityProvider = z.object({
  identityProviderName: text(),
  loginButtonText: text(),
  loginButtonIconUrl: text(LIMITS.url),
  renderedAuthorizationEndpoint: text(LIMITS.url * 2).meta({ description: 'The authorization URL with the client id, scopes, state and redirect URL filled in.' }),
});

export const IdentityProviderRenderResult = z
  .object({
    identityProviders: list(RenderedIdentityProvider, MAX_RENDERED_IDENTITY_PROVIDERS).meta({
      description: 'What the sign-in page can offer; empty while the provider has no identity provider for that environment type.',
    }),
  })
  .meta({ id: 'IdentityProviderRenderResult' });
