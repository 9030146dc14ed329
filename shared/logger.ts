/**
 * One logger for every function, configured once. Level from POWERTOOLS_LOG_LEVEL (Powertools reads it),
 * service name from POWERTOOLS_SERVICE_NAME.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { config } from '#shared/config.ts';

export const logger = new Logger({
  serviceName: config.serviceName,
});
