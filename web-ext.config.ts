import { defineWebExtConfig } from 'wxt';

// Dev mode would try to launch a browser, which this environment cannot do.
export default defineWebExtConfig({ disabled: true });
