// The package ships `declare module 'domino'` (its old name): the part we use, under the name we import.
declare module '@mixmark-io/domino' {
  export function createDocument(html?: string, force?: boolean): Document;
  export function createWindow(html?: string, address?: string): Window;
}
