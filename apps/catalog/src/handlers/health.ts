import { healthHandler } from '@platform/http';
import { products } from '../dependencies';

export const handler = healthHandler({ check: () => products.ping() });
