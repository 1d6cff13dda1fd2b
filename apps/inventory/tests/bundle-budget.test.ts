import { join } from 'node:path';
import { describeBundleBudget } from '@platform/testing/bundle';

describeBundleBudget({ serviceDir: join(__dirname, '..') });
