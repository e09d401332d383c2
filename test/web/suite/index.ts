/**
 * Entry point of the web suite, loaded by the browser's web worker extension host
 * (test/web/runWebTests.mjs). Mocha's browser build: the bundle has no file system to list tests from.
 */
declare const mocha: BrowserMocha;
interface BrowserMocha {
  setup(options: { ui: 'bdd'; reporter?: undefined; timeout: number; color: boolean }): void;
  run(done: (failures: number) => void): void;
}

export function run(): Promise<void> {
  // Loaded here, not at the top: the UMD wrapper of mocha's browser build also assigns this bundle's
  // `module.exports`, which must keep `run` until VS Code has read it.
  /* eslint-disable @typescript-eslint/no-require-imports -- the suites call describe(), which exists only after setup */
  require('mocha/mocha');
  mocha.setup({ ui: 'bdd', reporter: undefined, timeout: 60_000, color: false });
  require('./host.test');
  require('./writing.test');
  require('./citations.test');
  require('./evidence.test');
  require('./output.test');
  require('./lookup.test');
  require('./largeBibliography.test');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return new Promise((resolve, reject) => {
    mocha.run(failures => (failures > 0 ? reject(new Error(`${failures} web test(s) failed`)) : resolve()));
  });
}
