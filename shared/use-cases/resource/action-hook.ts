/** Action hook use cases: RegisterActionHook, DeregisterActionHook, ListActionHooks. */
import type { z } from 'zod';
import { getResource } from '#shared/data/entities/resource.ts';
import { actionHook, withActionHook, withoutActionHook, type ActionHookValue } from '#shared/domain/resources.ts';
import type { ListActionHooksResult } from '#shared/schemas/resource.ts';
import type { Caller } from '#shared/auth/caller.ts';
import { changeResource } from '#shared/use-cases/resource/change.ts';

/** One hook per (scope, type): registering again replaces it. */
export function registerActionHook(caller: Caller, serviceId: string, id: string, input: ActionHookValue): Promise<void> {
  const hook = actionHook(input);
  return changeResource(caller, serviceId, id, 'actionHook', (r) => withActionHook(r, hook));
}

export function deregisterActionHook(caller: Caller, serviceId: string, id: string, input: { scope: string; type: string }): Promise<void> {
  return changeResource(caller, serviceId, id, 'actionHook', (r) => withoutActionHook(r, input.scope, input.type));
}

export async function listActionHooks(caller: Caller, serviceId: string, id: string): Promise<z.input<typeof ListActionHooksResult>> {
  return { hooks: (await getResource(caller.orgId, serviceId, id)).actionHooks };
}
