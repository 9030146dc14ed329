import type { AnyOperation } from '#shared/registry/operation.ts';
// Operations of the resource-api group; one import and one entry per endpoint module.
import * as createResource from './create-resource.ts';
import * as describeResource from './describe-resource.ts';
import * as listResources from './list-resources.ts';
import * as updateResource from './update-resource.ts';
import * as deleteResource from './delete-resource.ts';
import * as deprecateResource from './deprecate-resource.ts';
import * as listDependentResource from './list-dependent-resource.ts';
import * as addResourceDependency from './add-resource-dependency.ts';
import * as removeResourceDependency from './remove-resource-dependency.ts';
import * as registerActionHook from './register-action-hook.ts';
import * as listActionHooks from './list-action-hooks.ts';
import * as deregisterActionHook from './deregister-action-hook.ts';
import * as enableResourceCapability from './enable-resource-capability.ts';
import * as listResourceCapabilities from './list-resource-capabilities.ts';
import * as disableResourceCapability from './disable-resource-capability.ts';
import * as setEnvironmentVariables from './set-environment-variables.ts';
import * as unsetEnvironmentVariables from './unset-environment-variables.ts';
import * as registerResourceMetricsConfig from './register-resource-metrics-config.ts';
import * as describeResourceMetricsConfig from './describe-resource-metrics-config.ts';
import * as deregisterResourceMetricsConfig from './deregister-resource-metrics-config.ts';
import * as addFile from './add-file.ts';
import * as listFiles from './list-files.ts';
import * as getFile from './get-file.ts';
import * as updateFileContent from './update-file-content.ts';
import * as updateFileMetadata from './update-file-metadata.ts';
import * as removeFile from './remove-file.ts';

export const operations: readonly AnyOperation[] = [
  createResource.operation,
  describeResource.operation,
  listResources.operation,
  updateResource.operation,
  deleteResource.operation,
  deprecateResource.operation,
  listDependentResource.operation,
  addResourceDependency.operation,
  removeResourceDependency.operation,
  registerActionHook.operation,
  listActionHooks.operation,
  deregisterActionHook.operation,
  enableResourceCapability.operation,
  listResourceCapabilities.operation,
  disableResourceCapability.operation,
  setEnvironmentVariables.operation,
  unsetEnvironmentVariables.operation,
  registerResourceMetricsConfig.operation,
  describeResourceMetricsConfig.operation,
  deregisterResourceMetricsConfig.operation,
  addFile.operation,
  listFiles.operation,
  getFile.operation,
  updateFileContent.operation,
  updateFileMetadata.operation,
  removeFile.operation,
];
