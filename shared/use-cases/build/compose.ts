/**
 * BuildServiceFromComposeSpec and CreateServiceFromComposeSpec: a compose spec (base64 YAML, with the bytes
 * of its configs and secrets beside it) parsed into the definition it describes (shared/domain/compose-spec.ts)
 * and built by the one upsert (upsert.ts).
 */
import type { z } from 'zod';
import type { Caller } from '#shared/auth/caller.ts';
import { Conflict } from '#shared/errors.ts';
import { parseComposeSpec } from '#shared/domain/compose-spec.ts';
import { decodeSpec } from '#shared/domain/compose/yaml.ts';
import { serviceIdByName } from '#shared/data/entities/service.ts';
import type { BuildServiceFromComposeSpecRequest, CreateServiceFromComposeSpecRequest } from '#shared/schemas/service.ts';
import { buildDefinition, type BuildResult } from '#shared/use-cases/build/upsert.ts';

export function buildServiceFromComposeSpec(caller: Caller, body: z.output<typeof BuildServiceFromComposeSpecRequest>): Promise<BuildResult> {
  const { fileContent, configs, secrets, ...opts } = body;
  const desired = parseComposeSpec(decodeSpec(fileContent), { configs, secrets });
  return buildDefinition(caller, opts, desired);
}

/**
 * A new service (409 when the org has one of that name) built from the file into the default environment
 * (Dev, DEV). Answers its id.
 */
export async function createServiceFromComposeSpec(caller: Caller, body: z.output<typeof CreateServiceFromComposeSpecRequest>): Promise<string> {
  const desired = parseComposeSpec(decodeSpec(body.fileContent));
  if (await serviceIdByName(caller.orgId, body.name)) throw new Conflict(`a service named "${body.name.trim()}" already exists`);
  const built = await buildDefinition(caller, { name: body.name, description: body.description, serviceLogoURL: body.serviceLogoURL }, desired);
  return built.serviceID;
}
