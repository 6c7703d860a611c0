/** Sample data generator: a deterministic federation dataset and the files districts would upload. */
export { DEFAULT_BAD_ROW_SHARE, DEFAULT_MONTHS, DEFAULT_RECORDS, generateDataset, rowHours, rowsOf } from './dataset.ts';
export { hasValidIdChecksum, makeIdNumber } from './id-number.ts';
export type {
  BadRowKind,
  BadRowTruth,
  ContractRow,
  CorrectionKind,
  CorrectionTruth,
  DatasetName,
  FileStyle,
  GeneratedBatch,
  GeneratedDataset,
  GenerateOptions,
  ProjectRow,
  RegistrationRow,
  ServiceRecordRow,
} from './model.ts';
export { BAD_ROW_KINDS } from './model.ts';
export { type ServiceRecordsCsvOptions, writeServiceRecordsCsv } from './stream-csv.ts';
export { csvBytes, jsonlBytes, type WriteProgress, type WrittenFile, writeDataset, xlsxBytes } from './write.ts';
