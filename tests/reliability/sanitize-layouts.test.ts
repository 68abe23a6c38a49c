/** Hostile HTML inside a real article (tests/sanitize-payloads.ts), on the classic and bare layouts. */
import { describePayloads } from '../sanitize-payloads';

describePayloads(['pmd-2021-5239764', 'pmd-2025-6195764']);
