/**
 * `registrations`: volunteer registrations, uploaded per district. A row gives a volunteer
 * number, an ID number, or both; both link the number to the person for counting.
 */
import { z } from 'zod';
import { col, defineTable } from '../contract.ts';
import { addIssue, type Dataset, failedColumns, type InputColumn, type RowContext, runRowSchema } from '../dataset.ts';
import { checkStreet, dateField, districtField, idNumberField, streetCodeField, volunteerNumberField } from './fields.ts';
import { inputSchemaOf, perContext } from './input-schema.ts';
import { districtPartitions, lineageColumns } from './lineage.ts';

export const REGISTRATION_COLUMNS: readonly InputColumn[] = [
  {
    key: 'volunteer_number',
    aliases: ['义工编号', '义工证号'],
    required: 'conditional',
    zh: '义工编号(与身份证号至少填一项)',
    en: 'Volunteer number (this or id_number, or both)',
  },
  {
    key: 'id_number',
    aliases: ['身份证号', '身份证号码', '证件号码'],
    required: 'conditional',
    zh: '身份证号码(与义工编号至少填一项)',
    en: 'ID number (this or volunteer_number, or both)',
  },
  { key: 'district', aliases: ['所属区', '区', '注册区'], required: true, zh: '注册区', en: 'District of registration' },
  { key: 'street_code', aliases: ['街道代码', '街道编码'], required: true, zh: '街道代码', en: '9-digit street code' },
  { key: 'registered_on', aliases: ['注册日期', '登记日期'], required: true, zh: '注册日期', en: 'Registration date' },
];

/** The lake table of every version of every registration. */
export const registrationsVersionsTable = defineTable(
  'registrations_versions',
  '义工注册(全部版本)',
  'Registrations, every version',
  z.object({
    registration_key: col.string('注册标识', 'Natural key: pseudonym of the volunteer number, else of the ID number'),
    id_key: col.nullableString('身份证标识', 'HMAC pseudonym of the ID number'),
    number_key: col.nullableString('义工编号标识', 'HMAC pseudonym of the volunteer number'),
    volunteer_key: col.string('义工标识', 'Person key: id_key when known, else number_key'),
    sex: col.nullableString('性别', 'M or F (from an ID number)'),
    age_band: col.nullableString('年龄段', 'Age band at registration (from an ID number)'),
    street_code: col.string('街道代码', 'Street code'),
    registered_on: col.date('注册日期', 'Registration date'),
    ...lineageColumns,
    ...districtPartitions,
  }),
  ['year', 'month', 'district'],
);

/** A validated registration, before pseudonymisation. */
export interface RegistrationInput {
  /** Upper-cased volunteer number (a string of its own, see `VolunteerIdentity`), or null. Never stored. */
  volunteer_number: string | null;
  /** Upper-cased ID number (a string of its own), or null. Never stored. */
  id_number: string | null;
  birth_date: string | null;
  sex: 'M' | 'F' | null;
  district: string;
  street_code: string;
  registered_on: string;
}

function registrationRowSchema(ctx: RowContext) {
  return z
    .object({
      volunteer_number: volunteerNumberField(),
      id_number: idNumberField(ctx.today),
      district: districtField(),
      street_code: streetCodeField(),
      registered_on: dateField(ctx.today),
    })
    .superRefine(
      (row, refine) => {
        const failed = failedColumns(refine);
        const ok = (...columns: string[]) => columns.every((c) => !failed.has(c));
        if (ok('volunteer_number', 'id_number') && row.volunteer_number === undefined && row.id_number === undefined)
          addIssue(refine, 'volunteer_number', 'VOLUNTEER_IDENTITY_REQUIRED');
        if (ok('district') && row.district !== ctx.district) addIssue(refine, 'district', 'DISTRICT_MISMATCH');
        if (ok('street_code', 'district')) checkStreet(refine, row.street_code, row.district);
      },
      { when: () => true },
    )
    .transform(
      (row): RegistrationInput => ({
        volunteer_number: row.volunteer_number?.volunteer_id ?? null,
        id_number: row.id_number?.volunteer_id ?? null,
        birth_date: row.id_number?.birth_date ?? null,
        sex: row.id_number?.sex ?? null,
        district: row.district,
        street_code: row.street_code,
        registered_on: row.registered_on,
      }),
    );
}

const schemaFor = perContext(registrationRowSchema);

/** The registrations dataset. */
export const registrations: Dataset<RegistrationInput> = {
  name: 'registrations',
  zh: '义工注册',
  en: 'Volunteer registrations',
  scope: 'district',
  columns: REGISTRATION_COLUMNS,
  table: registrationsVersionsTable,
  inputSchema: inputSchemaOf(REGISTRATION_COLUMNS),
  validate: (row, ctx) => runRowSchema(schemaFor(ctx), row),
  // A registration is identified by its volunteer number when it has one, else by the ID number.
  naturalKey: (value) => (value.volunteer_number !== null ? `N#${value.volunteer_number}` : `I#${value.id_number}`),
};
