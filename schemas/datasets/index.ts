/** The datasets of the data contract, by name. */
import type { Dataset, DatasetName } from '../dataset.ts';
import { contracts } from './contracts.ts';
import { projects } from './projects.ts';
import { registrations } from './registrations.ts';
import { serviceRecords } from './service-records.ts';

export type { ContractInput } from './contracts.ts';
export type { ProjectInput } from './projects.ts';
export type { RegistrationInput } from './registrations.ts';
export type { ServiceRecordInput } from './service-records.ts';

/** Every dataset, keyed by name, in ingest order (reference data first). */
export const DATASETS = {
  contracts,
  projects,
  registrations,
  service_records: serviceRecords,
} as const satisfies Record<DatasetName, Dataset<never> | Dataset<unknown>>;

/** True when the name is a dataset of the contract. */
export function isDatasetName(name: string): name is DatasetName {
  return Object.hasOwn(DATASETS, name);
}
