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

export const operations = [
  createResource.operation,
  describeResource.operation,
  listResources.operation,
  updateResource.operation,
  deleteResource.operation,
  deprecateResource.operation,
  listDependentResource.operation,
  addResourceDependency.operation,
  removeResourceDependency.operation,
];
