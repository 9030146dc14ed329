/**
 * The compose spec a build accepts, as zod schemas: the standard compose keys a build uses (both their short
 * and long forms, as compose tooling writes either) and the `x-omnistrate-*` extensions. Every string, list
 * and map is bounded (docs/limits.md). Other standard compose keys are ignored; an `x-omnistrate-*` key that
 * is not one of these is refused (`EXTENSIONS`), so a typo answers 400 instead of silently doing nothing.
 */
import { z } from 'zod';
import { freeForm, LIMITS, list, record, text } from '#shared/schemas/common.ts';

/** Bounds of a compose spec (docs/limits.md). */
export const COMPOSE_LIMITS = {
  services: 50,
  apiParams: 100,
  entries: 200,
  hooks: 20,
  loadBalancers: 20,
  files: 50,
} as const;

const Short = text(LIMITS.name);
const Value = text(LIMITS.description);
/** Scalars that YAML may read as numbers or booleans where compose means text (`"5432"`, `true`). */
const Scalar = z.union([z.string().max(LIMITS.description), z.number(), z.boolean()]).transform((v) => String(v));
const Port = z.coerce.number().int().min(0).max(65535);
const StringOrList = z.union([text(LIMITS.text), list(Scalar, COMPOSE_LIMITS.entries)]);

/** The extension keys known at the top level and per service. */
export const EXTENSIONS = {
  top: ['x-omnistrate-service-plan', 'x-omnistrate-integrations', 'x-omnistrate-load-balancer', 'x-omnistrate-image-registry-attributes'],
  service: [
    'x-omnistrate-api-params',
    'x-omnistrate-compute',
    'x-omnistrate-capabilities',
    'x-omnistrate-mode-internal',
    'x-omnistrate-actionhooks',
  ],
  volume: ['x-omnistrate-storage'],
} as const;

export const ApiParam = z.object({
  key: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(128)
    .regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, 'must start with a letter and hold only letters, digits and _'),
  name: Short.trim().min(1, 'must not be empty'),
  description: text(4096).default(''),
  type: Short,
  modifiable: z.boolean().default(false),
  required: z.boolean().default(false),
  export: z.boolean().default(false),
  isList: z.boolean().default(false),
  defaultValue: Scalar.optional(),
  options: list(Scalar, 1000).optional(),
  limits: z
    .object({ min: Scalar.optional(), max: Scalar.optional(), minLength: Scalar.optional(), maxLength: Scalar.optional() })
    .optional(),
  parameterDependencyMap: record(Short, COMPOSE_LIMITS.entries).optional(),
});

const InstanceType = z.object({ cloudProvider: Short, name: Short.optional(), apiParam: Short.optional() });

export const Compute = z.object({
  instanceTypes: list(InstanceType, 20).optional(),
  replicaCount: z.coerce.number().int().min(0).max(1000).optional(),
  replicaCountAPIParam: Short.optional(),
  rootVolumeSizeGi: z.coerce.number().int().min(1).max(65536).optional(),
});

export const ActionHook = z.object({
  scope: Short,
  type: Short,
  commandTemplate: text(48 * 1024).min(1, 'must not be empty'),
});

const LongPort = z.object({ target: Port, published: Port.optional(), protocol: Short.optional() });
const LongVolume = z.object({
  type: Short.optional(),
  source: Short.optional(),
  target: text(1024),
  read_only: z.boolean().optional(),
  'x-omnistrate-storage': freeForm(16 * 1024).optional(),
});
const FileRef = z.union([Short, z.object({ source: Short, target: text(1024).optional() })]);

export const ComposeService = z.object({
  image: text(512).trim().min(1, 'must not be empty'),
  command: StringOrList.optional(),
  entrypoint: StringOrList.optional(),
  platform: Short.optional(),
  ports: list(z.union([Scalar, LongPort]), COMPOSE_LIMITS.entries).optional(),
  volumes: list(z.union([text(2048), LongVolume]), COMPOSE_LIMITS.entries).optional(),
  environment: z.union([list(text(LIMITS.description + LIMITS.name), 1000), record(z.union([Scalar, z.null()]), 1000)]).optional(),
  depends_on: z.union([list(Short, COMPOSE_LIMITS.services), record(z.unknown(), COMPOSE_LIMITS.services)]).optional(),
  configs: list(FileRef, COMPOSE_LIMITS.files).optional(),
  secrets: list(FileRef, COMPOSE_LIMITS.files).optional(),
  deploy: z.object({ resources: freeForm(4096).optional(), replicas: z.coerce.number().int().min(0).max(1000).optional() }).optional(),
  'x-omnistrate-api-params': list(ApiParam, COMPOSE_LIMITS.apiParams).optional(),
  'x-omnistrate-compute': Compute.optional(),
  'x-omnistrate-capabilities': freeForm(16 * 1024).optional(),
  'x-omnistrate-mode-internal': z.boolean().optional(),
  'x-omnistrate-actionhooks': list(ActionHook, COMPOSE_LIMITS.hooks).optional(),
});

export const TENANCY_TYPES = ['OMNISTRATE_DEDICATED_TENANCY', 'OMNISTRATE_MULTI_TENANCY', 'CUSTOM'] as const;

export const ServicePlanBlock = z.object({
  name: Short.trim().min(1, 'must not be empty').optional(),
  tenancyType: z.enum(TENANCY_TYPES).optional(),
  deployment: z
    .object({
      hostedDeployment: record(Scalar, 20).optional(),
      byoaDeployment: record(Scalar, 20).optional(),
    })
    .refine((d) => !(d.hostedDeployment && d.byoaDeployment), 'takes one of hostedDeployment and byoaDeployment')
    .optional(),
});

export const Integrations = list(z.union([Short, record(z.union([freeForm(4096), z.null()]), 1)]), 20);

export const LoadBalancers = z.object({
  https: list(
    z.object({
      name: Short.trim().min(1, 'must not be empty'),
      description: text(4096).default(''),
      paths: list(z.object({ associatedResourceKey: Short, path: Short, backendPort: Port }), 100).min(1, 'must hold at least one path'),
    }),
    COMPOSE_LIMITS.loadBalancers,
  ).optional(),
  tcp: list(
    z.object({
      name: Short.trim().min(1, 'must not be empty'),
      description: text(4096).default(''),
      ports: list(
        z.object({ associatedResourceKeys: list(Short, 100).min(1, 'must name at least one resource'), ingressPort: Port, backendPort: Port }),
        100,
      ).min(1, 'must hold at least one port'),
    }),
    COMPOSE_LIMITS.loadBalancers,
  ).optional(),
});

export const RegistryAttributes = record(z.object({ auth: z.object({ username: Short, password: text(8192) }).optional() }), 20);

export const ComposeDocument = z.object({
  services: record(z.unknown(), COMPOSE_LIMITS.services).refine((s) => Object.keys(s).length > 0, 'must define at least one service'),
  volumes: record(z.unknown(), COMPOSE_LIMITS.entries).optional().nullable(),
  configs: record(z.union([z.object({ file: text(1024).optional(), content: text(LIMITS.text).optional() }), z.null()]), COMPOSE_LIMITS.files).optional(),
  secrets: record(z.union([z.object({ file: text(1024).optional() }), z.null()]), COMPOSE_LIMITS.files).optional(),
  'x-omnistrate-service-plan': ServicePlanBlock.optional(),
  'x-omnistrate-integrations': Integrations.optional(),
  'x-omnistrate-load-balancer': LoadBalancers.optional(),
  'x-omnistrate-image-registry-attributes': RegistryAttributes.optional(),
});
