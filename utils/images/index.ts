/** Offline-complete exports: which images, fetched how, saved where, linked how. Pure: no `browser.*`, no `node:*`. */
export { fullSizeUrl, exportableImages } from './urls';
export { sniffImage, type ImageType } from './sniff';
export { assetName, contentHash, linkDestination, relativeLink, safeFolderName } from './paths';
export {
  collectImages,
  dataUri,
  type CollectedImages,
  type CollectOptions,
  type FetchedImage,
  type FetchImage,
  type ImageFailure,
  type ImageFailureReason,
  type ImageFile,
  type ImageMode,
} from './collect';
export { withImageLinks } from './links';
export { savedImageFiles } from './saved';
export { zipChunks, zipFiles, type ZipEntry } from './zip';
