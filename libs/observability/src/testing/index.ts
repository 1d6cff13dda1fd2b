export { captureLogs, captureSharedLogger, type CapturedLogs, type CapturedSharedLogs } from './capture-logs';
export { captureStdout, type CapturedStdout } from './capture-stdout';
