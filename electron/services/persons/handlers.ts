import { listsShowFullIds } from '../../../shared/domain/mask';
import { parseIdNumber } from '../../../shared/domain/id-number';
import { AppError } from '../../errors';
import { searchPersons } from './search';
import type { HandlerMap } from '../../ipc/types';
import { actorOf, requireSession, requireStore } from '../../ipc/types';
import { certificatesOf, enrolmentsOf } from '../enrolments/queries';
import { recordDeath } from '../enrolments/death';
import { importDeaths } from '../enrolments/death-import';
import { publicityList } from '../enrolments/publicity';
import { bulkTransition } from '../enrolments/bulk';
import { transitionEnrolment } from '../enrolments/lifecycle';
import { saveEnrolment } from '../enrolments/service';
import { listRegister } from '../registers/service';
import { findPersonById, findPersonByIdNumber, toPerson } from './queries';
import { checkIdAddress } from '../regions/id-address';
import { requireIdAddressConfirmed, savePerson } from './service';

function parseIdNumberOrThrow(raw: string): string {
  const id = parseIdNumber(raw);
  if (!id.ok) throw new AppError('INVALID_INPUT', `身份证号：${id.issue.message}`);
  return id.value.id;
}

export const personHandlers = {
  'register.list': (input, cx) => {
    const masked = !listsShowFullIds(requireSession(cx).user.roles);
    return listRegister(
      requireStore(cx),
      input.register,
      input.afterId,
      input.limit,
      masked,
      cx.app.today(),
      input.personId,
    );
  },
  'person.get': (input, cx) => {
    const store = requireStore(cx);
    const p = findPersonById(store, input.id);
    if (!p) throw new AppError('PERSON_NOT_FOUND');
    const masked = !listsShowFullIds(requireSession(cx).user.roles);
    return {
      person: toPerson(store, p, masked),
      certificates: certificatesOf(store, p.id, masked),
      enrolments: enrolmentsOf(store, p.id, undefined, masked),
    };
  },
  'person.search': (input, cx) =>
    searchPersons(requireStore(cx), input.q, input.limit, !listsShowFullIds(requireSession(cx).user.roles)),
  'person.find': (input, cx) => {
    const parsed = parseIdNumber(input.idNumber);
    return { id: parsed.ok ? (findPersonByIdNumber(requireStore(cx), parsed.value.id)?.id ?? null) : null };
  },
  // Seeing a full number where lists mask it is a permission, and every look is recorded.
  'person.revealId': (input, cx) => {
    const store = requireStore(cx);
    const p = findPersonById(store, input.id);
    if (!p) throw new AppError('PERSON_NOT_FOUND');
    store.write(actorOf(cx), (w) => w.audit({ action: 'person.revealId', entity: 'person', entityId: p.id }));
    return { idNumber: p.id_number };
  },
  'person.save': (input, cx) => {
    requireIdAddressConfirmed(requireStore(cx), input);
    return savePerson(requireStore(cx), actorOf(cx), input, cx.app.clock().toISOString(), cx.app.today());
  },
  'person.idAddress': (input, cx) => checkIdAddress(requireStore(cx), parseIdNumberOrThrow(input.idNumber)),
  'enrolment.save': (input, cx) => saveEnrolment(requireStore(cx), actorOf(cx), input, cx.app.clock().toISOString()),
  'enrolment.transition': (input, cx) =>
    transitionEnrolment(requireStore(cx), requireSession(cx), input, cx.app.clock().toISOString()),
  'enrolment.bulkTransition': (input, cx) =>
    bulkTransition(requireStore(cx), requireSession(cx), input, cx.app.clock().toISOString(), cx.job),
  'person.recordDeath': (input, cx) => {
    const actor = actorOf(cx);
    const now = cx.app.clock().toISOString();
    if (input.date > cx.app.today()) throw new AppError('INVALID_INPUT', `死亡日期：${input.date} 晚于今天`);
    return requireStore(cx).write(actor, (w) => recordDeath(w, actor, input.idNumber, input.date, now, input.source));
  },
  'deaths.import': (input, cx) =>
    importDeaths(
      requireStore(cx),
      actorOf(cx),
      Buffer.from(input.contentBase64, 'base64'),
      cx.app.today(),
      cx.app.clock().toISOString(),
      input.fileName,
    ),
  'publicity.list': (input, cx) => publicityList(requireStore(cx), input.enrolmentIds, cx.app.today()),
} satisfies HandlerMap<
  | 'publicity.list'
  | 'register.list'
  | 'person.get'
  | 'person.find'
  | 'person.search'
  | 'person.revealId'
  | 'person.save'
  | 'person.idAddress'
  | 'enrolment.save'
  | 'enrolment.transition'
  | 'enrolment.bulkTransition'
  | 'person.recordDeath'
  | 'deaths.import'
>;
