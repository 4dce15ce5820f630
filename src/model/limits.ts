/** The largest record file careplan reads (10 MiB): a larger one is refused before it is read. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
