import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { AppInfo } from '../../../../shared/contract';
import { PersonDrawer } from '../registers/PersonDrawer';
import { checkQueryKeys, ChecksPage } from './ChecksPage';

/** 待办预警 with the person drawer: a finding is resolved by fixing the record it names. */
export function ChecksScreen({ info }: { info: AppInfo }) {
  const roles = info.session?.user.roles ?? [];
  const queryClient = useQueryClient();
  const [personId, setPersonId] = useState<number | null>(null);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: checkQueryKeys.list });
    void queryClient.invalidateQueries({ queryKey: checkQueryKeys.counts });
  };
  return (
    <>
      <ChecksPage onOpen={setPersonId} />
      {personId !== null ? (
        <PersonDrawer
          personId={personId}
          register="disability"
          canEdit={roles.includes('clerk')}
          roles={roles}
          onClose={() => setPersonId(null)}
          onSaved={refresh}
        />
      ) : null}
    </>
  );
}
