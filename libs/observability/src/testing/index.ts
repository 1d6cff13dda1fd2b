export { captureLogs, captureSharedLogger } from './capture-logs';
export { captureStdout } from './capture-stdout';
