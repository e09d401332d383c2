import Mocha from 'mocha';

/**
 * Mocha's spec reporter, followed by one line `N passed, N failed, N skipped` alone on its line,
 * the summary that CI reads. Used by the unit run (.mocharc.json) and inside the extension host.
 */
class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const s = runner.stats;
      console.log(`${s?.passes ?? 0} passed, ${s?.failures ?? 0} failed, ${s?.pending ?? 0} skipped`);
    });
  }
}

export = SummaryReporter;
