/** An error a report caller can act on (unknown contract, bad period): the CLI exits 1 with its message. */
export class ReportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportError';
  }
}
