/**
 * Component tests: i18next is loaded before any test, as it is in a page once the first
 * language's messages are complete (widget/i18nextLib.ts, a lazy chunk in the build). The tests
 * serve each language's messages whole (vitest.config.ts), so every widget gets its i18next
 * instance at its first render; the reader of the first render without i18next (widget/firstT.ts)
 * has its own test (test/component/firstT.test.ts), and the real-browser tests run the build,
 * where it reads the first view's messages (test/browser/decide.test.ts holds i18next back).
 */
import { loadI18next } from '../../widget/i18nextLib.ts';

await loadI18next();
