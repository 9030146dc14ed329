// Operations of the signin-api group; one import and one entry per endpoint module.
import * as signin from './signin.ts';

export const operations = [signin.operation];
