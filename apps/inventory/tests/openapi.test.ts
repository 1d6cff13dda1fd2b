import { join } from 'node:path';
import { describeOpenApiContract } from '@platform/http/testing';
import { routes } from '../src/api/routes';

describeOpenApiContract({
  serviceDir: join(__dirname, '..'),
  info: {
    title: 'inventory',
    version: '1.0.0',
    description: 'Stock and atomic reservations (docs/api.md "inventory").',
  },
  routes,
});
