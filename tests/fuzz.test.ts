/** Fuzzed fixture pages, a quick run (tests/fuzz-pages.ts); the full 10,000 are in the reliability tier. */
import { describeFuzz } from './fuzz-pages';

describeFuzz(200);
