/**
 * Loaded on every test page before the test file (web-test-runner.config.mjs, testRunnerHtml).
 *
 * web-test-runner sends each test's error to Node through `structuredClone` (modernweb-dev/web#2967). When a failing
 * assertion's `actual` or `expected` is a DOM node, an event or a function of a different type from the other side
 * (`expect(row.querySelector('.skeleton')).to.equal(null)`), mocha leaves it as it is, the clone throws, and the page
 * never reports: the run waits out testsFinishTimeout, and stopping it reads "Attempted to use detached Frame". Here
 * such a value becomes text, so the failure is reported as the assertion that failed; chai's message names it anyway.
 */
const cloneable = (value: unknown) => {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
};

mocha.suite.afterEach(function () {
  const error = this.currentTest?.err as { actual?: unknown; expected?: unknown } | undefined;
  if (!error) return;
  for (const key of ['actual', 'expected'] as const) {
    if (!cloneable(error[key])) error[key] = String(error[key]);
  }
});
