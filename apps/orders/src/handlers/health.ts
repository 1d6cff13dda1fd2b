import { healthHandler } from '@platform/http';
import { orders } from '../dependencies';

export const handler = healthHandler({ check: () => orders.ping() });
