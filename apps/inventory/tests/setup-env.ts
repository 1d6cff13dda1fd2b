// Runs before each test file (jest `setupFiles`): the environment the handlers read at load time.
// Each test file gets its own table name; the file's beforeAll creates that table.
import { uniqueTableName } from '@platform/testing';

process.env['SERVICE_NAME'] = 'inventory';
process.env['STAGE'] = 'test';
process.env['TABLE_NAME'] = uniqueTableName('inventory');
process.env['LOG_LEVEL'] ??= 'warn';
process.env['POWERTOOLS_METRICS_DISABLED'] ??= 'true';
