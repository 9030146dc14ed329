/**
 * The rules of subscriptions and their requests, pure: the lifecycle as a transition table, who may manage a
 * subscription's users, what a plan must be to be subscribed to, and the wire views.
 */
import type { z } from 'zod';
import { BadRequest, Forbidden, InvalidState, NotFound } from '#shared/errors.ts';
import type { CustomerScope } from '#shared/auth/caller.ts';
import type {
  SubscriptionItem,
  SubscriptionRequestItem,
  SubscriptionRequestStatus,
  SubscriptionRole,
  SubscriptionRoleItem,
  SubscriptionStatus,
} from '#shared/data/entities/subscription.ts';
import type { ProductTierItem } from '#shared/data/entities/product-tier.ts';
import type { EnvironmentItem } from '#shared/data/entities/environment.ts';
import type { DescribeSubscriptionResult } from '#shared/schemas/subscription.ts';
import type { DescribeSubscriptionRequestResult } from '#shared/schemas/subscription-request.ts';
import type { FleetDescribeSubscriptionResult } from '#shared/schemas/fleet/inventory.ts';
import type { SubscriptionUser } from '#shared/schemas/consumption-user.ts';

// ------------------------------------------------------------------------------------------ lifecycle

export type SubscriptionAction = 'suspend' | 'resume' | 'terminate';

/** The lifecycle: which statuses each action leaves from, and where it goes. Anything else is 409. */
export const SUBSCRIPTION_TRANSITIONS: Readonly<Record<SubscriptionAction, { from: readonly SubscriptionStatus[]; to: SubscriptionStatus }>> = {
  suspend: { from: ['ACTIVE'], to: 'SUSPENDED' },
  resume: { from: ['SUSPENDED'], to: 'ACTIVE' },
  terminate: { from: ['ACTIVE', 'SUSPENDED'], to: 'TERMINATED' },
};

const PAST: Record<SubscriptionAction, string> = { suspend: 'suspended', resume: 'resumed', terminate: 'terminated' };

/** The status after `action`, or 409 naming the current one. */
export function nextSubscriptionStatus(current: SubscriptionStatus, action: SubscriptionAction): SubscriptionStatus {
  const t = SUBSCRIPTION_TRANSITIONS[action];
  if (!t.from.includes(current)) throw new InvalidState(`subscription is ${current}; it cannot be ${PAST[action]}`);
  return t.to;
}

/** A subscription holds its plan's one place (the live guard) while ACTIVE or SUSPENDED. */
export const isLive = (status: SubscriptionStatus) => status !== 'TERMINATED';

/** DeleteSubscription: refused while it has resource instances. */
export function checkDeletable(sub: Pick<SubscriptionItem, 'instanceCount'>): void {
  if ((sub.instanceCount ?? 0) > 0) throw new InvalidState(`subscription has ${sub.instanceCount} resource instances; delete them first`);
}

/** A request is decided (approved, denied, cancelled) only while PENDING. */
export function closeRequest(current: SubscriptionRequestStatus, to: Exclude<SubscriptionRequestStatus, 'PENDING'>): SubscriptionRequestStatus {
  if (current !== 'PENDING') throw new InvalidState(`subscription request is ${current}; only a PENDING request can be ${to.toLowerCase()}`);
  return to;
}

// ---------------------------------------------------------------------------------------------- roles

/** Only a root of the subscription invites users and revokes roles. */
export function checkManagesUsers(role: SubscriptionRoleItem | undefined): void {
  if (!role) throw new NotFound('subscription');
  if (role.roleType !== 'root') throw new Forbidden(`only a root of the subscription may manage its users; your role is ${role.roleType}`);
}

/** Revoking must leave the subscription a root. */
export function checkRevocation(target: SubscriptionRoleItem, roleType: SubscriptionRole, roles: readonly SubscriptionRoleItem[]): void {
  if (target.roleType !== roleType) throw new NotFound(`role ${roleType} of ${target.email} on this subscription`);
  if (roleType === 'root' && roles.filter((r) => r.roleType === 'root').length <= 1) {
    throw new InvalidState('this is the last root of the subscription; make another user root first');
  }
}

// ------------------------------------------------------------------------------------------ offerings

export interface PlanContext {
  tier: ProductTierItem;
  environment: EnvironmentItem;
  /** The version customers get (Preferred, else the newest Active); undefined = not offered. */
  offeredVersion: string | undefined;
}

/**
 * A plan the caller may subscribe to: offered (a released, non-deprecated version) and, for a customer, in a
 * PUBLIC environment of its portal's type. Anything else is reported as missing (404), never described.
 */
export function checkSubscribable(plan: PlanContext, customer: CustomerScope | undefined): void {
  if (plan.offeredVersion === undefined || plan.tier.isDisabled) throw new NotFound('product tier');
  if (customer && (plan.environment.type !== customer.environmentType || plan.environment.visibility !== 'PUBLIC')) throw new NotFound('product tier');
}

/** CreateSubscription subscribes at once only where the plan approves automatically. */
export function checkAutoApproves(tier: Pick<ProductTierItem, 'autoApproveSubscription' | 'productTierId'>): void {
  if (!tier.autoApproveSubscription) {
    throw new BadRequest(
      `product tier ${tier.productTierId} requires the provider's approval: request access with CreateSubscriptionRequest (POST /2022-09-01-00/subscription/request)`,
    );
  }
}

/** CreateSubscriptionRequest is for plans that need approval. */
export function checkNeedsApproval(tier: Pick<ProductTierItem, 'autoApproveSubscription' | 'productTierId'>): void {
  if (tier.autoApproveSubscription) {
    throw new BadRequest(`product tier ${tier.productTierId} approves subscriptions automatically: subscribe with CreateSubscription (POST /2022-09-01-00/subscription)`);
  }
}

/** The cloud providers a plan deploys to, from its regions. */
export function cloudProvidersOf(tier: Pick<ProductTierItem, 'awsRegions' | 'gcpRegions' | 'azureRegions'> | undefined): string[] {
  if (!tier) return [];
  return [
    ...(tier.awsRegions?.length ? ['aws'] : []),
    ...(tier.gcpRegions?.length ? ['gcp'] : []),
    ...(tier.azureRegions?.length ? ['azure'] : []),
  ];
}

// ---------------------------------------------------------------------------------------------- views

/** Names a view shows, read live (a rename shows at once): '' when the thing is gone. */
export interface ViewNames {
  serviceName: string;
  serviceLogoURL: string;
  productTierName: string;
  providerName: string;
  tier?: ProductTierItem;
}

export function subscriptionView(sub: SubscriptionItem, roleType: SubscriptionRole, names: ViewNames): z.input<typeof DescribeSubscriptionResult> {
  return {
    id: sub.subscriptionId,
    serviceId: sub.serviceId,
    serviceName: names.serviceName,
    serviceLogoURL: names.serviceLogoURL,
    serviceOrgId: sub.providerOrgId,
    serviceOrgName: names.providerName,
    productTierId: sub.productTierId,
    productTierName: names.productTierName,
    status: sub.status,
    roleType,
    rootUserId: sub.rootUserId,
    subscriptionOwnerName: sub.rootUserName,
    createdAt: sub.createdAt,
    defaultSubscription: false,
    cloudProviderNames: cloudProvidersOf(names.tier),
    accountConfigIdentityId: '',
    activeSubscriptionPricing: sub.pricePerUnit ?? {},
    inheritServicePlanPrice: sub.inheritServicePlanPrice,
    environmentType: sub.environmentType,
    paymentMethodConfigured: false,
  };
}

export function fleetSubscriptionView(sub: SubscriptionItem, names: ViewNames): z.input<typeof FleetDescribeSubscriptionResult> {
  return {
    id: sub.subscriptionId,
    serviceId: sub.serviceId,
    serviceName: names.serviceName,
    serviceLogoURL: names.serviceLogoURL,
    productTierId: sub.productTierId,
    productTierName: names.productTierName,
    status: sub.status,
    instanceCount: sub.instanceCount ?? 0,
    rootUserId: sub.rootUserId,
    rootUserEmail: sub.rootUserEmail,
    rootUserName: sub.rootUserName,
    rootUserOrgId: sub.customerOrgId,
    createdAt: sub.createdAt,
    updatedAt: sub.updatedAt,
    updatedByUserId: sub.updatedBy.userId,
    updatedByUserName: sub.updatedBy.userName,
    updatedByUserOrgId: sub.updatedBy.orgId,
    externalPayerId: sub.externalPayerId,
    inheritServicePlanPrice: sub.inheritServicePlanPrice,
    activeSubscriptionPricing: sub.pricePerUnit ?? {},
    historySubscriptionPricing: [],
  };
}

export function subscriptionRequestView(r: SubscriptionRequestItem, names: ViewNames): z.input<typeof DescribeSubscriptionRequestResult> {
  return {
    id: r.requestId,
    serviceId: r.serviceId,
    serviceName: names.serviceName,
    serviceLogoURL: names.serviceLogoURL,
    productTierId: r.productTierId,
    productTierName: names.productTierName,
    status: r.status,
    rootUserId: r.rootUserId,
    rootUserEmail: r.rootUserEmail,
    rootUserName: r.rootUserName,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    updatedByUserId: r.updatedBy.userId,
    updatedByUserName: r.updatedBy.userName,
  };
}

export function subscriptionUserView(role: SubscriptionRoleItem): z.input<typeof SubscriptionUser> {
  return { subscriptionId: role.subscriptionId, userId: role.userId, email: role.email, name: role.name, roleType: role.roleType };
}
