import type { AnyOperation } from '#shared/registry/operation.ts';
// Operations of the product-tier-api group; one import and one entry per endpoint module.
import * as createProductTier from './create-product-tier.ts';
import * as describeProductTier from './describe-product-tier.ts';
import * as listProductTier from './list-product-tier.ts';
import * as updateProductTier from './update-product-tier.ts';
import * as deleteProductTier from './delete-product-tier.ts';
import * as enableProductTierFeature from './enable-product-tier-feature.ts';
import * as disableProductTierFeature from './disable-product-tier-feature.ts';
import * as copyProductTier from './copy-product-tier.ts';

export const operations: readonly AnyOperation[] = [
  createProductTier.operation,
  describeProductTier.operation,
  listProductTier.operation,
  updateProductTier.operation,
  deleteProductTier.operation,
  enableProductTierFeature.operation,
  disableProductTierFeature.operation,
  copyProductTier.operation,
];
