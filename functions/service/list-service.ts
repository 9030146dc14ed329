import { defineOperation } from '#shared/registry/operation.ts';
import { lambdaHandler } from '#shared/http/handler.ts';
import { PageQuery } from '#shared/schemas/common.ts';
import { ListServiceResult } from '#shared/schemas/service.ts';
import { listServices, readServiceTree } from '#shared/data/repositories/services.ts';
import { getProviderProfile } from '#shared/data/entities/org.ts';
import { MAX_PAGE_SIZE } from '#shared/data/page-token.ts';
import { serviceView } from '#shared/domain/services.ts';
import { NotFound } from '#shared/errors.ts';

export const operation = defineOperation({
  operationId: 'ListService',
  group: 'service-api',
  method: 'GET',
  path: '/2022-09-01-00/service',
  access: 'read',
  summary: "List the org's services, each fully described",
  query: PageQuery,
  response: ListServiceResult,
  run: async ({ caller, query }) => {
    // Clients send no paging parameters and expect every service: the largest page by default.
    const [page, provider] = await Promise.all([
      listServices(caller.orgId, query.pageSize ?? MAX_PAGE_SIZE, query.nextPageToken),
      getProviderProfile(caller.orgId),
    ]);
    const trees = await Promise.all(
      page.items.map((s) =>
        // A service deleted between the index read and its partition read is simply left out.
        readServiceTree(caller.orgId, s.serviceId).catch((e: unknown) => {
          if (e instanceof NotFound) return undefined;
          throw e;
        }),
      ),
    );
    const services = trees
      .filter((t) => t !== undefined)
      .map(({ service, items }) => serviceView(service, items, provider, caller.role));
    return {
      ids: services.map((s) => s.id),
      services,
      ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
    };
  },
});

export const handler = lambdaHandler(operation);
