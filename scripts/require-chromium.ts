// Setup file of a browser test project when Chromium is missing: every browser test file fails with the fix,
// instead of the whole run dying at config load or the browser suites being skipped silently.
throw new Error(
  `no Chromium at ${process.env.RNNKIT_CHROMIUM ?? '/usr/bin/chromium'}: the browser test projects need Debian's chromium ` +
    '(apt-get install -y chromium) or RNNKIT_CHROMIUM pointing at a Chromium binary',
);
