import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/ipc/dispatch';
import { handlers } from '../../electron/ipc/handlers';
import type { Handlers } from '../../electron/ipc/types';
import { requireSession } from '../../electron/ipc/types';
import { assertSecondPerson } from '../../electron/services/review/four-eyes';
import { initialisedDir, invoke, newApp, PASSWORD, signIn } from '../support/fixtures';
import { tempDir } from '../support/tmp';

/**
 * The two-person rule through the real dispatcher. The registers' approval
 * channels (next issues) call `assertSecondPerson`; here a handler stands in for
 * one, approving a record "entered" by li.
 */
describe('two-person rule', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
    initialisedDir(tmp.dir, {
      users: [
        { username: 'li', displayName: '李经办', roles: ['clerk', 'reviewer'] },
        { username: 'zhao', displayName: '赵审核', roles: ['reviewer'] },
      ],
    });
  });
  afterEach(() => tmp.cleanup());

  it('refuses an approval by the person who entered the record with SELF_APPROVAL, audited; another reviewer passes', async () => {
    const t = newApp(tmp.dir);
    const approving: Handlers = {
      ...handlers,
      // Stands in for an approval: the record was entered by li.
      'audit.head': (_input, cx) => {
        assertSecondPerson('li', requireSession(cx), '申请');
        return { seq: 0, hash: 'approved' };
      },
    };
    const dispatch = createDispatcher(t.app, approving, { logError: () => undefined });
    await signIn(t, 'li', 'li', PASSWORD);
    await signIn(t, 'zhao', 'zhao', PASSWORD);
    expect(await dispatch({ key: 'li' }, 'audit.head', {})).toEqual({
      ok: false,
      error: { code: 'SELF_APPROVAL', message: '不能审批自己录入的申请，须由另一名工作人员审批' },
    });
    expect(await dispatch({ key: 'zhao' }, 'audit.head', {})).toMatchObject({ ok: true, value: { hash: 'approved' } });
    await signIn(t, 'admin');
    const log = await invoke(t, 'admin', 'audit.list', { username: 'li' });
    expect(log.ok && log.value.rows.find((r) => r.action === 'access.denied')).toMatchObject({
      entityId: 'audit.head',
      after: expect.stringContaining('SELF_APPROVAL'),
    });
    t.app.close();
  });
});
