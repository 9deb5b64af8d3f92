/**
 * Debian's Chromium (`apt-get install chromium`) and the flags NN Lab launches it with, for
 * the browser tests (ui-tests/playwright.config.ts), the chart-draw bench and the lesson's
 * pictures: the machines we test on cannot download Playwright's own browser builds.
 *
 * The flags keep the browser quiet and predictable: no update checks or background traffic,
 * no first-run dialogs; root in a container needs `--no-sandbox`, a headless machine has no
 * GPU worth probing, and a container's small /dev/shm is not used for shared memory.
 */
const CHROMIUM = process.env.NNLAB_CHROMIUM || '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage'
];

module.exports = { CHROMIUM, CHROMIUM_ARGS };
