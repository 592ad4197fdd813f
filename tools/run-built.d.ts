/** tools/run-built.js, for the tests that check when it compiles. */
/** The newest modification time (ms) of a file, or of any file below a folder; 0 when absent. */
export function newest(path: string): number;
/** Whether `entry` (a compiled file) must be rebuilt from the sources under `root`. */
export function isStale(entry: string, root?: string): boolean;
