/**
 * The nested configurations a resource carries (Helm, Kustomize, operator CRD, Terraform, load balancers,
 * backup, file system, security context, ulimits, job). The same schema validates a request and describes the
 * stored value, so every field the wire marks required is required here at every depth: what was accepted is
 * what describe returns. Plain z.object: unknown keys are stripped, never rejected.
 */
import { z } from 'zod';
import { freeForm, LIMITS, list, record, text } from '#shared/schemas/common.ts';

/** Bounds of a resource's configuration blocks (docs/limits.md lists them). */
export const RESOURCE_LIMITS = {
  /** Short strings: names, versions, keys, hosts, paths. */
  short: LIMITS.name,
  /** Values of string maps (labels, sysctls, parameter maps) and environment variable values. */
  value: LIMITS.description,
  /** Entries of a string map; items of a list of short values. */
  entries: 100,
  /** Helm chart values, capability configurations and other free-form JSON. */
  json: LIMITS.jsonBytes,
  /** An operator CRD template. */
  template: LIMITS.text,
  /** Environment variables of a resource (per request). */
  environmentVariables: 1000,
  /** Dependencies of a resource (per request). */
  dependencies: 100,
  /** An action hook's base64 command template. */
  commandTemplate: LIMITS.text,
} as const;

const Int = z.number().int();
const Short = text(RESOURCE_LIMITS.short);
const Url = text(LIMITS.url);
const StringMap = record(text(RESOURCE_LIMITS.value), RESOURCE_LIMITS.entries);
const AnyMap = freeForm(RESOURCE_LIMITS.json);
const Shorts = list(Short, RESOURCE_LIMITS.entries);

export const Endpoint = z
  .object({
    disableMonitoring: z.boolean().optional(),
    host: Short.optional(),
    networkingType: Short.optional(),
    ports: list(Int, RESOURCE_LIMITS.entries).optional(),
    primary: z.boolean().optional(),
  })
  .meta({ id: 'Endpoint' });

const Endpoints = record(Endpoint, RESOURCE_LIMITS.entries);

export const HelmRuntimeConfiguration = z
  .object({
    disableHooks: z.boolean(),
    recreate: z.boolean(),
    resetThenReuseValues: z.boolean(),
    resetValues: z.boolean(),
    reuseValues: z.boolean(),
    skipCRDs: z.boolean(),
    timeoutNanos: Int,
    upgradeCRDs: z.boolean(),
    wait: z.boolean(),
    waitForJobs: z.boolean(),
  })
  .meta({ id: 'HelmRuntimeConfiguration' });

export const HelmChartConfiguration = z
  .object({
    chartName: Short.min(1),
    chartRepoName: Short,
    chartRepoUrl: Url,
    chartVersion: Short.min(1),
    chartValues: AnyMap.optional(),
    endpointConfiguration: Endpoints.optional(),
    runtimeConfiguration: HelmRuntimeConfiguration.optional(),
    username: Short.optional(),
    /** Never returned by describe (see domain/resources redactSecrets). */
    password: Short.optional(),
  })
  .meta({ id: 'HelmChartConfiguration' });

export const OperatorHelmChartDependency = z
  .object({
    chartName: Short.min(1),
    chartVersion: Short.min(1),
    chartRepoName: Short.optional(),
    chartRepoUrl: Url.optional(),
    chartValues: AnyMap.optional(),
    username: Short.optional(),
    password: Short.optional(),
  })
  .meta({ id: 'OperatorHelmChartDependency' });

export const GitConfiguration = z
  .object({
    referenceName: Short.min(1),
    repositoryUrl: Url.min(1),
    commitSHA: Short.optional(),
    userName: Short.optional(),
    accessToken: Short.optional(),
  })
  .meta({ id: 'GitConfiguration' });

export const KustomizeConfiguration = z
  .object({
    kustomizePath: Short.min(1),
    gitConfiguration: GitConfiguration.optional(),
    endpointConfiguration: Endpoints.optional(),
    helmChartDependencies: list(OperatorHelmChartDependency, RESOURCE_LIMITS.entries).optional(),
  })
  .meta({ id: 'KustomizeConfiguration' });

export const OperatorCRDConfiguration = z
  .object({
    template: text(RESOURCE_LIMITS.template).min(1),
    endpointConfiguration: Endpoints.optional(),
    helmChartDependencies: list(OperatorHelmChartDependency, RESOURCE_LIMITS.entries).optional(),
    outputParameters: StringMap.optional(),
    readinessConditions: AnyMap.optional(),
    supplementalFiles: Shorts.optional(),
  })
  .meta({ id: 'OperatorCRDConfiguration' });

export const TerraformOutput = z.object({ exported: z.boolean(), key: Short.min(1) }).meta({ id: 'TerraformOutput' });

export const TerraformConfiguration = z
  .object({
    terraformPath: Short.min(1),
    gitConfiguration: GitConfiguration.optional(),
    privateModuleGitAccessTokens: StringMap.optional(),
    requiredOutputKeys: Shorts.optional(),
    requiredOutputs: list(TerraformOutput, RESOURCE_LIMITS.entries).optional(),
    terraformExecutionIdentity: Short.optional(),
  })
  .meta({ id: 'TerraformConfiguration' });

/** Keyed by cloud provider (aws, gcp, azure). */
export const TerraformConfigurations = record(TerraformConfiguration, 10);

export const BackendPortConfiguration = z
  .object({
    associatedResourceIDs: Shorts,
    backendPort: Int,
    ingressPort: Int,
  })
  .meta({ id: 'BackendPortConfiguration' });

export const L4LoadBalancerConfiguration = z
  .object({ ingressPortConfiguration: list(BackendPortConfiguration, RESOURCE_LIMITS.entries).optional() })
  .meta({ id: 'L4LoadBalancerConfiguration' });

export const LoadBalancerPathConfiguration = z
  .object({
    associatedResourceID: Short.min(1),
    path: Short.min(1),
    port: Int,
    associatedKubernetesServiceName: Short.optional(),
  })
  .meta({ id: 'LoadBalancerPathConfiguration' });

export const L7LoadBalancerConfiguration = z
  .object({ paths: list(LoadBalancerPathConfiguration, RESOURCE_LIMITS.entries).optional() })
  .meta({ id: 'L7LoadBalancerConfiguration' });

export const BackupConfiguration = z
  .object({
    backupPeriodInHours: Int.min(1),
    backupRetentionInDays: Int.min(1),
  })
  .meta({ id: 'BackupConfiguration' });

export const BlobStorageConfiguration = z
  .object({
    GCSConfiguration: AnyMap.optional(),
    S3Configuration: AnyMap.optional(),
  })
  .meta({ id: 'BlobStorageConfiguration' });

export const EFSFileSystemConfiguration = z
  .object({
    PerformanceMode: Short.min(1),
    ThroughputMode: Short.min(1),
    ProvisionedThroughputInMibps: z.number().optional(),
  })
  .meta({ id: 'EFSFileSystemConfiguration' });

export const FileSystemConfiguration = z
  .object({ EFSFileSystemConfiguration: EFSFileSystemConfiguration.optional() })
  .meta({ id: 'FileSystemConfiguration' });

export const AdditionalSecurityContext = z
  .object({
    AddCapabilities: Shorts.optional(),
    DropCapabilities: Shorts.optional(),
    SupplementalGroupIDs: list(Int, RESOURCE_LIMITS.entries).optional(),
  })
  .meta({ id: 'AdditionalSecurityContext' });

export const CustomULimits = z
  .object({
    ULimitsName: Short.min(1),
    ULimitsType: Short,
    ULimitsValue: Int,
  })
  .meta({ id: 'CustomULimits' });

export const JobConfig = z
  .object({
    activeDeadlineSeconds: Int.min(1).optional(),
    backoffLimit: Int.min(0).optional(),
  })
  .meta({ id: 'JobConfig' });

export const EnvironmentVariable = z
  .object({
    key: z.string().trim().min(1, 'must not be empty').max(RESOURCE_LIMITS.short),
    value: text(RESOURCE_LIMITS.value),
  })
  .meta({ id: 'EnvironmentVariable' });

export const ResourceDependency = z
  .object({
    resourceId: z.string().trim().min(1, 'must not be empty').max(128),
    parameterMap: StringMap.optional(),
  })
  .meta({ id: 'ResourceDependency' });

export const ActionHook = z
  .object({
    scope: Short,
    type: Short,
    commandTemplate: text(RESOURCE_LIMITS.commandTemplate),
    customCommand: list(text(RESOURCE_LIMITS.value), RESOURCE_LIMITS.entries).optional(),
    customImage: Url.optional(),
  })
  .meta({ id: 'ActionHook' });

export const ResourceCapability = z
  .object({
    capability: Short,
    configuration: AnyMap,
  })
  .meta({ id: 'ResourceCapability' });

/** The optional configuration blocks shared by create, update and describe. */
export const resourceConfigurationShape = {
  additionalSecurityContext: AdditionalSecurityContext.optional(),
  backupConfiguration: BackupConfiguration.optional(),
  customLabels: StringMap.optional(),
  customSysCTLs: StringMap.optional(),
  customULimits: list(CustomULimits, RESOURCE_LIMITS.entries).optional(),
  helmChartConfiguration: HelmChartConfiguration.optional(),
  imageConfigId: Short.optional(),
  infraConfigId: Short.optional(),
  jobConfig: JobConfig.optional(),
  kustomizeConfiguration: KustomizeConfiguration.optional(),
  l4LoadBalancerConfiguration: L4LoadBalancerConfiguration.optional(),
  l7LoadBalancerConfiguration: L7LoadBalancerConfiguration.optional(),
  operatorCRDConfiguration: OperatorCRDConfiguration.optional(),
  terraformConfigurations: TerraformConfigurations.optional(),
};

export type ResourceConfiguration = {
  [K in keyof typeof resourceConfigurationShape]?: z.output<(typeof resourceConfigurationShape)[K]>;
};
