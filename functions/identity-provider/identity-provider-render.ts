import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { IdentityProviderRenderQuery, IdentityProviderRenderResult } from '#shared/schemas/identity-provider.ts';
import { identityProviderRender } from '#shared/use-cases/identity-provider.ts';

export const operation = defineOperation({
  operationId: 'IdentityProviderRender',
  group: 'identity-provider-api',
  method: 'GET',
  path: '/2022-09-01-00/identity-provider-render',
  extraRoute:
    "Not in the 2022-09-01-00 contract: the provider's customer portal (built against a newer API version) calls it on its sign-in page, which fails without it.",
  access: 'provider',
  summary: "The identity providers a customer portal's sign-in page can offer",
  description:
    "Called by the portal with the provider's token, the portal's `environmentType` and its `redirectUrl`. Answers `{identityProviders: []}` while the provider has no identity provider configured.",
  query: IdentityProviderRenderQuery,
  response: IdentityProviderRenderResult,
  run: ({ caller, query }) => identityProviderRender(caller, query),
});

export const handler = lambdaHandler(operation);
