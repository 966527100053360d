/** Running calls (`src/runs/`): the session, the backend, AWS jobs, a step's outcome, the run log (English). */
export const runs = {
  noTracking: (p: { shown: string }) => `${p.shown} does not exist yet (or is empty).`,
  noTrackingFix: 'run notebook 01_setup first — it creates the tracking file.',
  noTrackingRow: (p: { shown: string; models: string }) =>
    `${p.shown} has no row for ${p.models} (added to the configuration after step 1, or the row was deleted).`,
  noTrackingRowFix: 'run notebook 01_setup again — it checks access and creates the rows.',
  noCredentials: (p: { message: string }) => `backend is "aws" but no AWS credentials could be found (${p.message}).`,
  noCredentialsFix:
    'configure credentials (`aws configure`, `aws sso login`, AWS_PROFILE, or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY), or set "backend": "local" in workshop.config.json (or WORKSHOP_BACKEND=local) to work offline.',
  jobStillRunning: (p: { what: string; status: string; minutes: number }) => `${p.what} is still ${p.status} after ${p.minutes} minutes.`,
  jobStillRunningFix: 'poll again later with the same job identifier; the job keeps running.',
  noUsableResult: (p: { step: number | string; why: string }) => `Step ${p.step} produced no usable result for any model:\n${p.why}\n`,
  noUsableResultFix:
    'look at the reasons above (access in step 1, the log files under outputs/logs/, fault-injection settings such as LOCAL_BEDROCK_SERVER_ERROR_RATE), then re-run this notebook: finished calls are resumed, failed ones retried.',
  logLinesMissing: (p: { problem: string }) => `${p.problem} Some lines of the run log are missing.`,
  logLinesMissingFix: (p: { fix: string | null }) =>
    `${p.fix ?? 'make sure the outputs folder stays writable'}; finished calls are resumed from the checkpoint.`,
  logWriteFailed: (p: { shown: string; code: string }) =>
    `Could not write the log file ${p.shown} (${p.code}); some of its lines are missing.`,
  logWriteFailedFix:
    'make sure the disk has free space and the outputs folder stays writable, then re-run: finished calls are resumed from the checkpoint.',
};
