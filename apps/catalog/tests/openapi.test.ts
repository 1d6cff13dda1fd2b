import { join } from 'node:path';
import { describeOpenApiContract } from '@platform/http/testing';
import { routes } from '../src/api/routes';

describeOpenApiContract({
  serviceDir: join(__dirname, '..'),
  info: { title: 'catalog', version: '1.0.0', description: 'Products and prices (docs/api.md "catalog").' },
  routes,
});
