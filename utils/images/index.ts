/** Offline-complete exports: which images, fetched how, saved where, linked how. Pure: no `browser.*`, no `node:*`. */
export { fullSizeUrl, exportableImages } from './urls';
export { sniffImage } from './sniff';
export { assetName, linkDestination, relativeLink, safeFolderName } from './paths';
export {
  collectImages,
  dataUri,
  type CollectOptions,
  type FetchImage,
  type ImageFailure,
  type ImageFailureReason,
  type ImageMode,
} from './collect';
export { withImageLinks } from './links';
export { savedImageFiles } from './saved';
export { StoredZipWriter } from './zip';
