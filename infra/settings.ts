/**
 * Deployment settings, from CDK context (`cdk deploy -c mailFrom=no-reply@example.com`) with defaults that
 * synthesize offline. Nothing here looks anything up in an AWS account.
 */
import type { Node } from 'constructs';

export interface DeploymentSettings {
  /** Sender of verification and reset mail; must be an SES-verified identity in the target account. */
  mailFrom: string;
  /** Base URL of the pages that mail links point at; defaults to the API's own endpoint. */
  publicUrl?: string;
  logRetentionDays: number;
  /** Lambda memory (MB); also buys CPU for password hashing and cold starts. */
  memorySize: number;
  /** Stage-wide throttling, so a runaway client cannot exhaust the account's Lambda concurrency. */
  throttleRateLimit: number;
  throttleBurstLimit: number;
  /** Shown by the version endpoints. */
  buildCommitSha?: string;
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
  return {
    mailFrom: ctx('mailFrom') ?? 'no-reply@example.com',
    publicUrl: ctx('publicUrl'),
    logRetentionDays: num('logRetentionDays', 30),
    memorySize: num('memorySize', 1024),
    throttleRateLimit: num('throttleRateLimit', 200),
    throttleBurstLimit: num('throttleBurstLimit', 400),
    buildCommitSha: ctx('buildCommitSha') ?? (process.env.BUILD_COMMIT_SHA || undefined),
  };
}
