/** The command line or configuration is wrong: the message says what and where; exit status 2. */
export class UsageError extends Error {}
