/**
 * The job catalog: every job, one line each (functions/jobs/README.md says how to add one). The CDK app
 * (infra/jobs-stack.ts) and the local scheduler and stream poller (infra/local/) read this list.
 */
import type { AnyJob } from '#shared/registry/job.ts';
import { job as restartUnstartedWorkflows } from '#functions/jobs/restart-unstarted-workflows.ts';
import { job as backUpInstances } from '#functions/jobs/back-up-instances.ts';
import { job as recordAuditEvents } from '#functions/jobs/record-audit-events.ts';
import { job as trackMeteredInstances } from '#functions/jobs/track-metered-instances.ts';
import { job as meterUsage } from '#functions/jobs/meter-usage.ts';
import { job as closeInvoices } from '#functions/jobs/close-invoices.ts';
import { job as exportUsage } from '#functions/jobs/export-usage.ts';

export const jobs: readonly AnyJob[] = [restartUnstartedWorkflows, backUpInstances, recordAuditEvents, trackMeteredInstances, meterUsage, exportUsage, closeInvoices];
