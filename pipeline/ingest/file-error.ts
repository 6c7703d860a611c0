/**
 * A file-level failure: the whole batch ends FAILED with this code and nothing is written.
 */
import { describeError, type FileErrorCode } from '../../schemas/messages.ts';

/** Thrown by any ingest step that finds the file itself unusable. */
export class IngestFileError extends Error {
  constructor(
    readonly code: FileErrorCode,
    /** Extra facts for the zh/en message (column names, limits); never cell values. */
    readonly detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'IngestFileError';
  }

  /** The failure as the batch outcome reports it. */
  toFailure(): { code: FileErrorCode; message_zh: string; message_en: string } {
    const { zh, en } = describeError(this.code);
    return {
      code: this.code,
      message_zh: this.detail ? `${zh}:${this.detail}` : zh,
      message_en: this.detail ? `${en}: ${this.detail}` : en,
    };
  }
}
