/**
 * One logger for every function, configured once. Level from POWERTOOLS_LOG_LEVEL (Powertools reads it),
 * service name from POWERTOOLS_SERVICE_NAME.
 */
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'omnistrate-registration-api',
});
