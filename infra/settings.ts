/**
 * Deployment settings, from CDK context (`cdk deploy -c mailFrom=no-reply@example.com`) with defaults that
 * synthesize offline. Nothing here looks anything up in an AWS account.
 */
import type { Node } from 'constructs';
import { WORKFLOW_NAME_PREFIX } from '#infra/function-access.ts';

/** A machine name prefix: starts with `omnistrate-`, short enough to leave the workflow name its 40 characters. */
function prefix(p: string): string {
  if (!p.startsWith(WORKFLOW_NAME_PREFIX) || !/^[a-z0-9-]{11,40}$/.test(p) || !p.endsWith('-')) {
    throw new Error(`context workflowNamePrefix must start with ${WORKFLOW_NAME_PREFIX}, end with '-' and be at most 40 of [a-z0-9-], got ${p}`);
  }
  return p;
}

export interface DeploymentSettings {
  /** Sender of verification and reset mail; must be an SES-verified identity in the target account. */
  mailFrom: string;
  /**
   * Base URL that links in mail and responses point at; defaults to `https://<domainName>` when a domain is
   * configured, else to the CloudFront distribution's own `https://dxxxx.cloudfront.net`.
   */
  publicUrl?: string;
  /**
   * Own host name for the distribution (e.g. `api.example.com`), with `certificateArn`: an ACM certificate
   * for it in us-east-1 (CloudFront reads certificates only there). Both or neither.
   */
  domainName?: string;
  certificateArn?: string;
  /** ARN of a WAFv2 web ACL with scope CLOUDFRONT (created in us-east-1) to attach to the distribution. */
  webAclArn?: string;
  logRetentionDays: number;
  /** Lambda memory (MB); also buys CPU for password hashing and cold starts. */
  memorySize: number;
  /** Stage-wide throttling, so a runaway client cannot exhaust the account's Lambda concurrency. */
  throttleRateLimit: number;
  throttleBurstLimit: number;
  /** Shown by the version endpoints. */
  buildCommitSha?: string;
  /**
   * Start of every state machine's name (`<prefix><workflow>`), default `omnistrate-`; a second deployment in
   * the same account and region takes its own, e.g. `-c workflowNamePrefix=omnistrate-staging-`.
   */
  workflowNamePrefix: string;
}

export function readSettings(node: Node): DeploymentSettings {
  const ctx = (key: string): string | undefined => {
    const v = node.tryGetContext(key);
    return v === undefined || v === null || v === '' ? undefined : String(v);
  };
  const num = (key: string, fallback: number): number => {
    const v = ctx(key);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`context ${key} must be a positive number, got ${v}`);
    return n;
  };
  const domainName = ctx('domainName');
  const certificateArn = ctx('certificateArn');
  if (Boolean(domainName) !== Boolean(certificateArn)) {
    throw new Error('context domainName and certificateArn go together: give both or neither');
  }
  return {
    mailFrom: ctx('mailFrom') ?? 'no-reply@example.com',
    publicUrl: ctx('publicUrl'),
    domainName,
    certificateArn,
    webAclArn: ctx('webAclArn'),
    logRetentionDays: num('logRetentionDays', 30),
    memorySize: num('memorySize', 1024),
    throttleRateLimit: num('throttleRateLimit', 200),
    throttleBurstLimit: num('throttleBurstLimit', 400),
    buildCommitSha: ctx('buildCommitSha') ?? (process.env.BUILD_COMMIT_SHA || undefined),
    workflowNamePrefix: prefix(ctx('workflowNamePrefix') ?? WORKFLOW_NAME_PREFIX),
  };
}
