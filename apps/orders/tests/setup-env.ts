// Runs before each test file (jest `setupFiles`): the environment the handlers read at load time.
// Each test file gets its own table name; the file's beforeAll creates that table and starts the
// stand-ins for catalog (HTTP) and inventory (Lambda invoke API) on the ports named here.
import { uniqueTableName } from '@platform/testing';

process.env['SERVICE_NAME'] = 'orders';
process.env['STAGE'] = 'test';
process.env['TABLE_NAME'] = uniqueTableName('orders');
process.env['CURSOR_SECRET'] = 'orders-test-cursor-secret-0123456789abcdef';
process.env['INVENTORY_RESERVE_FUNCTION'] = 'inventory-test-reserve';
process.env['INVENTORY_RELEASE_FUNCTION'] = 'inventory-test-release';
process.env['INVENTORY_TABLE_NAME'] = uniqueTableName('inventory');
process.env['LOG_LEVEL'] ??= 'warn';
process.env['POWERTOOLS_METRICS_DISABLED'] ??= 'true';
