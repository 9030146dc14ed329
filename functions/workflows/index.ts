/**
 * The workflow catalog: every workflow, one line each. A line names the workflow; by convention its ASL file
 * is `statemachines/<name>.asl.json` and each Task state `<State>` (Resource `${<State>FunctionArn}`) has its
 * module at `functions/workflows/<name>/<state-kebab>.ts`, exporting `task` (defineTask) and `handler`.
 * The CDK app (infra/workflow-stack.ts), the local runner (infra/local/sfn-runner.ts) and the contract test
 * (test/contract/statemachines.test.ts) all read this list; statemachines/README.md says how to add one.
 *
 *   { name: 'promote-environment' },
 */
import type { WorkflowCatalog } from '#shared/registry/task.ts';

export const workflows: WorkflowCatalog = [
  { name: 'promote-environment' },
  { name: 'create-resource-instance' },
  { name: 'delete-resource-instance' },
  { name: 'change-resource-instance' },
  { name: 'snapshot-resource-instance' },
  { name: 'services-orchestration' },
];
