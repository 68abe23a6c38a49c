/** Fuzzed fixture pages at full size (tests/fuzz-pages.ts): 10,000 cases, or FUZZ_RUNS. */
import { describeFuzz } from '../fuzz-pages';

describeFuzz(Number(process.env.FUZZ_RUNS ?? 10_000));
