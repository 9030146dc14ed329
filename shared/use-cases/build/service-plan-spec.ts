/**
 * BuildServiceFromServicePlanSpec: a service plan spec (base64 YAML: helm, operator, kustomize and terraform
 * services) parsed into the definition it describes (shared/domain/service-plan-spec.ts) and built by the
 * one upsert (upsert.ts).
 */
import type { z } from 'zod';
import type { Caller } from '#shared/auth/caller.ts';
import { parseServicePlanSpec } from '#shared/domain/service-plan-spec.ts';
import { decodeSpec } from '#shared/domain/compose/yaml.ts';
import type { BuildServiceFromServicePlanSpecRequest } from '#shared/schemas/service.ts';
import { buildDefinition, type BuildResult } from '#shared/use-cases/build/upsert.ts';

export function buildServiceFromServicePlanSpec(caller: Caller, body: z.output<typeof BuildServiceFromServicePlanSpecRequest>): Promise<BuildResult> {
  const { fileContent, ...opts } = body;
  return buildDefinition(caller, opts, parseServicePlanSpec(decodeSpec(fileContent)));
}
