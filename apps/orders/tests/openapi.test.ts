import { join } from 'node:path';
import { describeOpenApiContract } from '@platform/http/testing';
import { routes } from '../src/api/routes';

describeOpenApiContract({
  serviceDir: join(__dirname, '..'),
  info: {
    title: 'orders',
    version: '1.0.0',
    description: 'Idempotent order placement (docs/api.md "orders").',
  },
  routes,
});
