// The package's index also bundles isProbablyReaderable, which we never call: import the class alone.
declare module '@mozilla/readability/Readability.js' {
  import { Readability } from '@mozilla/readability';
  export default Readability;
}
