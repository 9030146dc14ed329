/**
 * Pure rules of deployment-driver work (shared/drivers, shared/data/entities/driver-work.ts): what a recorded
 * piece of work answers to the workflow, and the failure reason a step's Catch records.
 */
import { causeMessage } from '#shared/domain/workflow-execution.ts';
import type { DriverOutcome } from '#shared/drivers/driver.ts';

/** What the drive step gives the ASL (`$.driver`): the Choice reads `done`, the Wait `waitSeconds`, the wait-for-report Task `timeoutSeconds`. */
export interface DriveAnswer {
  done: boolean;
  waitSeconds: number;
  outcome?: DriverOutcome;
  timeoutSeconds?: number;
}

/** The reason of a timed-out wait for a report. */
export const noReportReason = (timeoutSeconds: number | undefined) =>
  `no report from the deployment automation within ${timeoutSeconds ?? 'the allowed'} s`;

/**
 * The failure reason a `Record…Failure` step stores for a driver step's `$.error` (`{ Error, Cause }`):
 * a timeout (Step Functions' `States.Timeout`, or a resumed local step past its deadline) says so with the
 * timeout; anything else is the real message (a Lambda's cause JSON unwrapped).
 */
export function driverFailureReason(error: { Error?: string; Cause?: string } | undefined, driver?: { timeoutSeconds?: number }): string {
  if (!error) return 'the deployment step failed';
  if (error.Error === 'States.Timeout' || error.Error === 'DeploymentTimedOut') {
    const own = error.Error === 'DeploymentTimedOut' ? causeMessage(error.Cause) : '';
    return own || noReportReason(driver?.timeoutSeconds);
  }
  return causeMessage(error.Cause) || error.Error || 'the deployment step failed';
}
