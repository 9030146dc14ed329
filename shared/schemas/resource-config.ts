/**
 * The nested configurations a resource carries (Helm, Kustomize, operator CRD, Terraform, load balancers,
 * backup, file system, security context, ulimits, job). The same schema validates a request and describes the
 * stored value, so every field the wire marks required is required here at every depth: what was accepted is
 * what describe returns. Plain z.object: unknown keys are stripped, never rejected.
 */
import { z } from 'zod';

const Int = z.number().int();
const StringMap = z.record(z.string(), z.string());
const AnyMap = z.record(z.string(), z.unknown());

export const Endpoint = z
  .object({
    disableMonitoring: z.boolean().optional(),
    host: z.string().optional(),
    networkingType: z.string().optional(),
    ports: z.array(Int).optional(),
    primary: z.boolean().optional(),
  })
  .meta({ id: 'Endpoint' });

const Endpoints = z.record(z.string(), Endpoint);

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
    chartName: z.string().min(1),
    chartRepoName: z.string(),
    chartRepoUrl: z.string(),
    chartVersion: z.string().min(1),
    chartValues: AnyMap.optional(),
    endpointConfiguration: Endpoints.optional(),
    runtimeConfiguration: HelmRuntimeConfiguration.optional(),
    username: z.string().optional(),
    /** Never returned by describe (see domain/resources redactSecrets). */
    password: z.string().optional(),
  })
  .meta({ id: 'HelmChartConfiguration' });

export const OperatorHelmChartDependency = z
  .object({
    chartName: z.string().min(1),
    chartVersion: z.string().min(1),
    chartRepoName: z.string().optional(),
    chartRepoUrl: z.string().optional(),
    chartValues: AnyMap.optional(),
    username: z.string().optional(),
    password: z.string().optional(),
  })
  .meta({ id: 'OperatorHelmChartDependency' });

export const GitConfiguration = z
  .object({
    referenceName: z.string().min(1),
    repositoryUrl: z.string().min(1),
    commitSHA: z.string().optional(),
    userName: z.string().optional(),
    accessToken: z.string().optional(),
  })
  .meta({ id: 'GitConfiguration' });

export const KustomizeConfiguration = z
  .object({
    kustomizePath: z.string().min(1),
    gitConfiguration: GitConfiguration.optional(),
    endpointConfiguration: Endpoints.optional(),
    helmChartDependencies: z.array(OperatorHelmChartDependency).optional(),
  })
  .meta({ id: 'KustomizeConfiguration' });

export const OperatorCRDConfiguration = z
  .object({
    template: z.string().min(1),
    endpointConfiguration: Endpoints.optional(),
    helmChartDependencies: z.array(OperatorHelmChartDependency).optional(),
    outputParameters: StringMap.optional(),
    readinessConditions: AnyMap.optional(),
    supplementalFiles: z.array(z.string()).optional(),
  })
  .meta({ id: 'OperatorCRDConfiguration' });

export const TerraformOutput = z.object({ exported: z.boolean(), key: z.string().min(1) }).meta({ id: 'TerraformOutput' });

export const TerraformConfiguration = z
  .object({
    terraformPath: z.string().min(1),
    gitConfiguration: GitConfiguration.optional(),
    privateModuleGitAccessTokens: StringMap.optional(),
    requiredOutputKeys: z.array(z.string()).optional(),
    requiredOutputs: z.array(TerraformOutput).optional(),
    terraformExecutionIdentity: z.string().optional(),
  })
  .meta({ id: 'TerraformConfiguration' });

/** Keyed by cloud provider (aws, gcp, azure). */
export const TerraformConfigurations = z.record(z.string(), TerraformConfiguration);

export const BackendPortConfiguration = z
  .object({
    associatedResourceIDs: z.array(z.string()),
    backendPort: Int,
    ingressPort: Int,
  })
  .meta({ id: 'BackendPortConfiguration' });

export const L4LoadBalancerConfiguration = z
  .object({ ingressPortConfiguration: z.array(BackendPortConfiguration).optional() })
  .meta({ id: 'L4LoadBalancerConfiguration' });

export const LoadBalancerPathConfiguration = z
  .object({
    associatedResourceID: z.string().min(1),
    path: z.string().min(1),
    port: Int,
    associatedKubernetesServiceName: z.string().optional(),
  })
  .meta({ id: 'LoadBalancerPathConfiguration' });

export const L7LoadBalancerConfiguration = z
  .object({ paths: z.array(LoadBalancerPathConfiguration).optional() })
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
    PerformanceMode: z.string().min(1),
    ThroughputMode: z.string().min(1),
    ProvisionedThroughputInMibps: z.number().optional(),
  })
  .meta({ id: 'EFSFileSystemConfiguration' });

export const FileSystemConfiguration = z
  .object({ EFSFileSystemConfiguration: EFSFileSystemConfiguration.optional() })
  .meta({ id: 'FileSystemConfiguration' });

export const AdditionalSecurityContext = z
  .object({
    AddCapabilities: z.array(z.string()).optional(),
    DropCapabilities: z.array(z.string()).optional(),
    SupplementalGroupIDs: z.array(Int).optional(),
  })
  .meta({ id: 'AdditionalSecurityContext' });

export const CustomULimits = z
  .object({
    ULimitsName: z.string().min(1),
    ULimitsType: z.string(),
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
    key: z.string().trim().min(1, 'must not be empty'),
    value: z.string(),
  })
  .meta({ id: 'EnvironmentVariable' });

export const ResourceDependency = z
  .object({
    resourceId: z.string().trim().min(1, 'must not be empty'),
    parameterMap: StringMap.optional(),
  })
  .meta({ id: 'ResourceDependency' });

export const ActionHook = z
  .object({
    scope: z.string(),
    type: z.string(),
    commandTemplate: z.string(),
    customCommand: z.array(z.string()).optional(),
    customImage: z.string().optional(),
  })
  .meta({ id: 'ActionHook' });

export const ResourceCapability = z
  .object({
    capability: z.string(),
    configuration: AnyMap,
  })
  .meta({ id: 'ResourceCapability' });

/** The optional configuration blocks shared by create, update and describe. */
export const resourceConfigurationShape = {
  additionalSecurityContext: AdditionalSecurityContext.optional(),
  backupConfiguration: BackupConfiguration.optional(),
  customLabels: StringMap.optional(),
  customSysCTLs: StringMap.optional(),
  customULimits: z.array(CustomULimits).optional(),
  helmChartConfiguration: HelmChartConfiguration.optional(),
  imageConfigId: z.string().optional(),
  infraConfigId: z.string().optional(),
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
