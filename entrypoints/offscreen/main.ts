// The offscreen document (Chrome): makes blob URLs of files the background made, for the downloads API (shell/blob-url.ts).
import { serveBlobUrls } from '../../shell/blob-url';

serveBlobUrls();
