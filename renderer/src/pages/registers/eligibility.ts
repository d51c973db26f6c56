import { useQuery } from '@tanstack/react-query';
import type { FormInstance, FormRule } from 'antd';
import type { Dayjs } from 'dayjs';
import { checkCertificate } from '../../../../shared/domain/certificate';
import {
  eligibilityAtEntry,
  type EligibilityField,
  type EligibilityPolicy,
} from '../../../../shared/domain/eligibility';
import type { Program } from '../../../../shared/domain/programs';
import { call } from '../../api/client';

/** Where the form shows each eligibility reason: the person's own facts go on the program choice. */
export const eligibilityFormField: Record<EligibilityField, 'program' | 'certificateNumber' | 'schoolProofUntil'> = {
  idNumber: 'program',
  dibao: 'program',
  grade: 'certificateNumber',
  schoolProofUntil: 'schoolProofUntil',
};

export interface EntryPerson {
  idNumber: string;
  birthDate: string;
  dibao: 'none' | 'urban' | 'rural' | 'edge';
}

/** The county policy in force in a month, as the service applies it to the same application. */
export function usePolicy(month: string | undefined) {
  return useQuery({
    queryKey: ['policy.get', month ?? null],
    queryFn: () => call('policy.get', month ? { month } : {}),
    staleTime: 60_000,
  });
}

interface Values {
  program?: Program;
  appliedOn?: Dayjs;
  certificateNumber?: string;
  schoolProofUntil?: Dayjs | null;
}

/**
 * A form rule running the shared eligibility rule (the one the import and
 * `enrolment.save` run) and refusing with the reasons that belong on `field`.
 */
export function eligibilityRule(
  field: string,
  person: EntryPerson | undefined,
  policy: EligibilityPolicy | undefined,
): FormRule {
  return (form: Pick<FormInstance, 'getFieldsValue'>) => ({
    validator: () => {
      if (!person || !policy) return Promise.resolve();
      const v = form.getFieldsValue(true) as Values;
      if (!v.program || !v.appliedOn) return Promise.resolve();
      const cert = v.certificateNumber ? checkCertificate(v.certificateNumber, person.idNumber) : null;
      const issues = eligibilityAtEntry(
        {
          program: v.program,
          birthDate: person.birthDate,
          appliedOn: v.appliedOn.format('YYYY-MM-DD'),
          certificate: cert?.ok ? cert.value : null,
          dibao: person.dibao,
          schoolProofUntil: v.schoolProofUntil ? v.schoolProofUntil.format('YYYY-MM-DD') : null,
        },
        policy,
      ).filter((i) => i.severity === 'error' && eligibilityFormField[i.field] === field);
      return issues.length ? Promise.reject(new Error(issues.map((i) => i.message).join('；'))) : Promise.resolve();
    },
  });
}
