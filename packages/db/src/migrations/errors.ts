/** An applied migration's file changed since it was applied (checksum differs). */
export class MigrationChecksumError extends Error {
  override readonly name = 'MigrationChecksumError';
  constructor(
    readonly migration: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(
      `Migration ${migration} was modified after it was applied (checksum ${expected.slice(0, 12)}… in the database, ` +
        `${actual.slice(0, 12)}… on disk). Never edit an applied migration: revert the file and add a new migration.`,
    );
  }
}

/** A migration failed (its transaction was rolled back) or a previous run left one unfinished. */
export class MigrationFailedError extends Error {
  override readonly name = 'MigrationFailedError';
  constructor(
    readonly migration: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`Migration ${migration} failed: ${message}`, options);
  }
}
