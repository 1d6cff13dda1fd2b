import { healthHandler } from '@platform/http';
import { stock } from '../dependencies';

export const handler = healthHandler({ check: () => stock.ping() });
