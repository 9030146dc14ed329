import type { AnyOperation } from '#shared/registry/operation.ts';
// Operations of the compose-gen group; one import and one entry per endpoint module.
import * as checkIfContainerImageAccessible from './check-if-container-image-accessible.ts';
import * as generateComposeSpecFromContainerImage from './generate-compose-spec-from-container-image.ts';

export const operations: readonly AnyOperation[] = [
  checkIfContainerImageAccessible.operation,
  generateComposeSpecFromContainerImage.operation,
];
