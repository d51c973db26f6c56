import { appHandlers } from '../services/app/handlers';
import { checkHandlers } from '../services/checks/handlers';
import { exportHandlers } from '../services/export/handlers';
import { importHandlers } from '../services/imports/handlers';
import { jobHandlers } from '../services/jobs/handlers';
import { logHandlers } from '../services/log/handlers';
import { locationHandlers } from '../services/app/location-handlers';
import { personHandlers } from '../services/persons/handlers';
import { payoutHandlers } from '../services/payouts/handlers';
import { regionHandlers } from '../services/regions/handlers';
import { standardsHandlers } from '../services/standards/handlers';
import { auditHandlers } from '../services/audit/handlers';
import { backupHandlers } from '../services/backup/handlers';
import { settingsHandlers } from '../services/settings/handlers';
import { systemHandlers } from '../services/system/handlers';
import { userHandlers } from '../services/users/handlers';
import { documentHandlers } from '../services/documents/handlers';
import { packageHandlers } from '../services/package/handlers';
import { reportHandlers } from '../services/reports/handlers';
import { uploadHandlers } from '../services/uploads/handlers';
import type { Handlers } from './types';

/** Every channel of the contract has exactly one handler; the type checker holds us to it. */
export const handlers = {
  ...appHandlers,
  ...systemHandlers,
  ...userHandlers,
  ...auditHandlers,
  ...settingsHandlers,
  ...backupHandlers,
  ...regionHandlers,
  ...personHandlers,
  ...exportHandlers,
  ...standardsHandlers,
  ...checkHandlers,
  ...payoutHandlers,
  ...importHandlers,
  ...jobHandlers,
  ...logHandlers,
  ...locationHandlers,
  ...documentHandlers,
  ...packageHandlers,
  ...reportHandlers,
  ...uploadHandlers,
} satisfies Handlers;
