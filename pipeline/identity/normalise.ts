/**
 * From a validated record (which may still hold raw identifiers) to the stored row of its
 * lake table: identifiers replaced by HMAC keys, age band derived, birth date dropped.
 */
import type { DatasetName } from '../../schemas/dataset.ts';
import type { ContractInput, ProjectInput, RegistrationInput, ServiceRecordInput } from '../../schemas/datasets/index.ts';
import { ageBand } from '../../schemas/rules/id-number.ts';
import type { VolunteerKeyer } from './volunteer-key.ts';

/** A stored row's contract columns (no lineage, no partition keys), JSON-compatible. */
export type StoredRecord = Record<string, string | number | boolean | null>;

/** What normalisation yields for one record. */
export interface NormalisedRecord {
  /** Contract columns as stored. */
  record: StoredRecord;
  /** The day that places it in a month partition (per-district datasets). */
  partitionDate: string | null;
  /** Person key for the byVolunteer index, when the dataset has one. */
  volunteerKey: string | null;
}

/**
 * Normalises a validated record of a dataset.
 *
 * @example
 * normaliseRecord('service_records', validated, keyer).record.volunteer_key; // 'a3f…'
 */
export function normaliseRecord(dataset: DatasetName, value: unknown, keyer: VolunteerKeyer): NormalisedRecord {
  switch (dataset) {
    case 'service_records':
      return normaliseServiceRecord(value as ServiceRecordInput, keyer);
    case 'registrations':
      return normaliseRegistration(value as RegistrationInput, keyer);
    case 'projects': {
      const p = value as ProjectInput;
      return { record: { ...p }, partitionDate: null, volunteerKey: null };
    }
    case 'contracts': {
      const c = value as ContractInput;
      return { record: { ...c }, partitionDate: null, volunteerKey: null };
    }
  }
}

function normaliseServiceRecord(v: ServiceRecordInput, keyer: VolunteerKeyer): NormalisedRecord {
  const volunteerKey = keyer.keyOf(v.volunteer_id, true);
  return {
    record: {
      record_id: v.record_id,
      street_code: v.street_code,
      community: v.community,
      volunteer_key: volunteerKey,
      id_kind: v.id_kind,
      sex: v.sex,
      age_band: v.birth_date ? ageBand(v.birth_date, v.service_date) : null,
      project_code: v.project_code,
      category: v.category,
      service_date: v.service_date,
      start_time: v.start_time,
      end_time: v.end_time,
      hours: v.hours,
      beneficiaries: v.beneficiaries,
      beneficiary_group: v.beneficiary_group,
      funding: v.funding,
      contract_id: v.contract_id,
      status: v.status,
    },
    partitionDate: v.service_date,
    volunteerKey,
  };
}

function normaliseRegistration(v: RegistrationInput, keyer: VolunteerKeyer): NormalisedRecord {
  const idKey = v.id_number !== null ? keyer.keyOf(v.id_number, true) : null;
  const numberKey = v.volunteer_number !== null ? keyer.keyOf(v.volunteer_number, true) : null;
  const volunteerKey = (idKey ?? numberKey)!;
  return {
    record: {
      registration_key: (numberKey ?? idKey)!,
      id_key: idKey,
      number_key: numberKey,
      volunteer_key: volunteerKey,
      sex: v.sex,
      age_band: v.birth_date ? ageBand(v.birth_date, v.registered_on) : null,
      street_code: v.street_code,
      registered_on: v.registered_on,
    },
    partitionDate: v.registered_on,
    volunteerKey,
  };
}
