/**
 * Loop-progress guard for the parsers and scanners. Every loop over input must move forward; in
 * test builds (`node esbuild.mjs --tests` defines VEXAS_CHECK_PROGRESS) a loop whose position did
 * not advance throws at once, so a test fails instead of spinning. In the shipped bundle the check
 * is defined away and costs nothing.
 */
declare const VEXAS_CHECK_PROGRESS: boolean | undefined;

const CHECKING = typeof VEXAS_CHECK_PROGRESS !== 'undefined' && VEXAS_CHECK_PROGRESS === true;

/** Throws (in test builds) when `after` is not beyond `before`. */
export function checkProgress(before: number, after: number, where: string): void {
  if (CHECKING && !(after > before)) throw new Error(`${where}: a loop did not advance (at offset ${before})`);
}
